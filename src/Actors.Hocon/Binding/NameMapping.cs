using System.Text;

namespace Actors.Hocon.Binding;

/// <summary>Maps C# member names to HOCON keys: <c>RowGroupSize</c> is <c>row-group-size</c>.</summary>
internal static class NameMapping
{
    public static string ToKebab(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                // A word starts at an upper-case letter after a lower-case letter or digit, or at the last capital
                // of an acronym ("HTTPTimeout" is http-timeout).
                var startsWord = i > 0
                    && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                        || char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]));
                if (startsWord)
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>True when a key names the member, ignoring case, dashes and underscores.</summary>
    public static bool Matches(string key, string memberName) =>
        string.Equals(Normalize(key), Normalize(memberName), StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string name) => name.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
}
