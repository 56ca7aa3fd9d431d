using System.Globalization;
using System.Text;

namespace Actors.Hocon.Syntax;

/// <summary>Formats paths and keys so that parsing the text gives the same elements back.</summary>
internal static class ConfigPath
{
    public static string Format(IEnumerable<string> path) => string.Join('.', path.Select(FormatKey));

    public static string Append(string prefix, string key) => prefix.Length == 0 ? FormatKey(key) : prefix + "." + FormatKey(key);

    /// <summary>A key as it may be written unquoted, or quoted when it holds anything but letters, digits, '-' and '_'.</summary>
    public static string FormatKey(string key) => IsPlainKey(key) ? key : Quote(key);

    /// <summary>A JSON-style quoted string, escaping quotes, backslashes and control characters.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ' || c == '\u007f')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static bool IsPlainKey(string key)
    {
        // "include" would start an include statement, and a leading digit or '-' would read as a number.
        if (key.Length == 0 || key == "include" || !char.IsAsciiLetter(key[0]) && key[0] != '_')
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
