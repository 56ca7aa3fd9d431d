using System.Buffers;
using System.Text;

namespace Actors.Corpus.Cleaning;

/// <summary>
/// Finds boilerplate in a segment: navigation-type and all-capitals headings, and lines that are page furniture
/// rather than content (cookie banners, "Skip to content", runs of short link-like lines, copyright footers,
/// share/login/subscribe prompts).
/// </summary>
internal sealed class Boilerplate
{
    private const int MenuRun = 4;


    private static readonly string[] s_exactLines =
    [
        "skip to content", "skip to main content", "skip to navigation", "skip to main navigation", "jump to navigation",
        "jump to content", "jump to main content", "toggle navigation", "open menu", "close menu", "main menu", "menu",
        "back to top", "scroll to top", "go to top", "search", "search for", "home", "log in", "login", "sign in",
        "sign up", "register", "subscribe", "share", "share this", "share this post", "share this article", "tweet",
        "pin it", "print", "email", "read more", "continue reading", "previous", "next", "previous post", "next post",
        "older posts", "newer posts", "leave a comment", "leave a reply", "post a comment", "related posts", "advertisement",
        "sponsored", "loading", "click here", "accept", "accept all", "reject all", "got it", "close", "show more",
    ];

    private static readonly string[] s_shortLinePhrases =
    [
        "all rights reserved", "privacy policy", "terms of use", "terms of service", "terms and conditions",
        "cookie policy", "cookie settings", "powered by wordpress", "powered by blogger", "powered by squarespace",
        "share on facebook", "share on twitter", "share on linkedin", "follow us on", "sign up for our newsletter",
        "subscribe to our newsletter", "you must be logged in", "log in to reply", "this site uses akismet",
        "enable javascript", "javascript is disabled", "javascript is required", "javascript must be enabled",
        "your browser does not support", "update your browser",
    ];

    private static readonly string[] s_cookieContext =
    [
        "we use", "this site uses", "this website uses", "our site uses", "uses cookies", "accept", "consent",
        "cookie policy", "cookie settings", "by continuing", "by using this",
    ];

    private static readonly int MaxExactLine = s_exactLines.Max(l => l.Length);

    // Searches are ordinal over text folded to lower case. (A case-insensitive SearchValues over these phrases
    // falls back to a slow Unicode automaton, because 'k' and 's' have non-ASCII case equivalents.)
    private static readonly SearchValues<string> s_cookieContextSearch = SearchValues.Create(s_cookieContext, StringComparison.Ordinal);
    private static readonly SearchValues<string> s_shortLineSearch = SearchValues.Create(s_shortLinePhrases, StringComparison.Ordinal);

    private readonly HashSet<string> _navigationHeadings;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _exactLines =
        new HashSet<string>(s_exactLines, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly List<(int Start, int End)> _lines = [];
    private readonly List<bool> _flags = [];

    public Boilerplate(IEnumerable<string> navigationHeadings)
    {
        _navigationHeadings = new HashSet<string>(navigationHeadings.Select(NormalizeHeading).Where(h => h.Length > 0), StringComparer.Ordinal);
    }

    public bool IsNavigationHeading(string heading) => _navigationHeadings.Contains(NormalizeHeading(heading));

    /// <summary>All letters capitals, and at least four of them ("FAQ" passes, "ABOUT US" does not).</summary>
    public static bool IsUpperCaseHeading(string heading)
    {
        var letters = 0;
        foreach (var c in heading)
        {
            if (char.IsLetter(c))
            {
                if (char.IsLower(c))
                {
                    return false;
                }

                if (char.IsUpper(c))
                {
                    letters++;
                }
            }
        }

        return letters >= 4;
    }

    /// <summary>
    /// Marks the boilerplate lines of <paramref name="text"/>; returns how many there are and how many characters they
    /// hold (without line breaks).
    /// </summary>
    public (int Lines, int Chars) Analyse(string text)
    {
        _lines.Clear();
        _flags.Clear();
        var start = 0;
        while (start <= text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            _lines.Add((start, end));
            _flags.Add(false);
            if (newline < 0)
            {
                break;
            }

            start = newline + 1;
        }

        var lines = 0;
        var chars = 0;
        var runStart = -1;
        for (var i = 0; i <= _lines.Count; i++)
        {
            var line = i < _lines.Count ? text.AsSpan(_lines[i].Start, _lines[i].End - _lines[i].Start).Trim() : default;
            var linkLike = i < _lines.Count && IsLinkLike(line);
            if (linkLike)
            {
                if (runStart < 0)
                {
                    runStart = i;
                }
            }
            else
            {
                if (runStart >= 0 && i - runStart >= MenuRun)
                {
                    for (var j = runStart; j < i; j++)
                    {
                        _flags[j] = true;
                    }
                }

                runStart = -1;
            }
        }

        for (var i = 0; i < _lines.Count; i++)
        {
            var line = text.AsSpan(_lines[i].Start, _lines[i].End - _lines[i].Start).Trim();
            if (!_flags[i] && !line.IsEmpty && IsBoilerplateLine(line))
            {
                _flags[i] = true;
            }

            if (_flags[i])
            {
                lines++;
                chars += line.Length;
            }
        }

        return (lines, chars);
    }

    /// <summary>The text without the lines the last <see cref="Analyse"/> marked.</summary>
    public string Strip(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < _lines.Count; i++)
        {
            if (_flags[i])
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            builder.Append(text.AsSpan(_lines[i].Start, _lines[i].End - _lines[i].Start));
        }

        return builder.ToString().Trim();
    }

    private bool IsBoilerplateLine(ReadOnlySpan<char> line)
    {
        if (line.Length > 400)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[line.Length];
        for (var i = 0; i < line.Length; i++)
        {
            buffer[i] = Hashing.Fold(line[i]);
        }

        ReadOnlySpan<char> lower = buffer;
        var bare = lower.TrimStart("-*\u2022 ").TrimEnd(".:!\u00BB\u203A>| ");
        if (bare.Length <= MaxExactLine && _exactLines.Contains(bare))
        {
            return true;
        }

        if (lower.Contains("cookie", StringComparison.Ordinal) && lower.ContainsAny(s_cookieContextSearch))
        {
            return true;
        }

        if (line.Length > 200)
        {
            return false;
        }

        return lower.Contains('\u00A9')
            || IsParenthesisedCopyright(lower)
            || (lower.StartsWith("copyright", StringComparison.Ordinal) && HasYear(lower))
            || lower.ContainsAny(s_shortLineSearch);
    }

    private static bool HasYear(ReadOnlySpan<char> line)
    {
        for (var i = 0; i + 4 <= line.Length; i++)
        {
            if ((line[i..].StartsWith("19", StringComparison.Ordinal) || line[i..].StartsWith("20", StringComparison.Ordinal))
                && char.IsAsciiDigit(line[i + 2]) && char.IsAsciiDigit(line[i + 3])
                && (i == 0 || !char.IsAsciiDigit(line[i - 1])) && (i + 4 == line.Length || !char.IsAsciiDigit(line[i + 4])))
            {
                return true;
            }
        }

        return false;
    }

    // "(c) 2019 Example Inc."
    private static bool IsParenthesisedCopyright(ReadOnlySpan<char> line)
    {
        var at = line.IndexOf("(c) ", StringComparison.Ordinal);
        return at >= 0 && at + 8 <= line.Length && char.IsAsciiDigit(line[at + 4]) && char.IsAsciiDigit(line[at + 5])
            && char.IsAsciiDigit(line[at + 6]) && char.IsAsciiDigit(line[at + 7]);
    }

    /// <summary>
    /// A line that looks like a menu entry: 1 to 40 characters, at most four words, no sentence punctuation at the
    /// end, starting with a letter (list items "- x", numbers and markdown headings are content).
    /// </summary>
    private static bool IsLinkLike(ReadOnlySpan<char> line)
    {
        if (line.IsEmpty || line.Length > 40 || !char.IsLetter(line[0]))
        {
            return false;
        }

        if (line[^1] is '.' or '!' or '?' or ':' or ';' or ',')
        {
            return false;
        }

        var words = 1;
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == ' ' && line[i - 1] != ' ')
            {
                words++;
            }
        }

        return words <= 4;
    }

    private static string NormalizeHeading(string heading)
    {
        var builder = new StringBuilder(heading.Length);
        var space = false;
        foreach (var c in heading)
        {
            if (char.IsLetter(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                space = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }
}
