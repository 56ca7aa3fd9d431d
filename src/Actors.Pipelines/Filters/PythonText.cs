using System.Text;

namespace Actors.Pipelines.Filters;

/// <summary>Python string semantics the reference filters rely on (whitespace of <c>str.split()</c>, <c>string.punctuation</c>).</summary>
internal static class PythonText
{
    /// <summary>Python's <c>string.punctuation</c>: the 32 ASCII punctuation characters.</summary>
    public const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>Whether Python's <c>str.isspace()</c> holds for the character (what <c>str.split()</c> splits on).</summary>
    public static bool IsWhitespace(char c) =>
        c is (>= '\t' and <= '\r') or (>= '\u001C' and <= '\u001F') or ' ' or '\u0085' or '\u00A0' or '\u1680'
            or (>= '\u2000' and <= '\u200A') or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000';

    /// <summary>Number of pieces Python's <c>text.split()</c> returns.</summary>
    public static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (IsWhitespace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                words++;
            }
        }

        return words;
    }

    /// <summary>Collapses every whitespace run (newlines included) to one space and trims the ends.</summary>
    public static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsWhitespace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
