using System.Net;
using System.Text;

namespace Actors.Corpus.Reading;

/// <summary>
/// Converts an HTML page to plain text for segmentation: headings become markdown lines (<c>## Title</c>),
/// block elements become paragraphs, list items become <c>- item</c> lines, and what is not page content is left
/// out (scripts, styles, templates, SVG, and the subtrees of <c>nav</c>, <c>footer</c>, <c>aside</c>,
/// <c>form</c>, <c>button</c>, <c>select</c>, <c>dialog</c>, elements marked <c>hidden</c>,
/// <c>aria-hidden="true"</c> or <c>role="navigation"</c>).
/// </summary>
/// <remarks>
/// A forgiving single-pass tokenizer, not a full HTML5 tree builder: it never fails, unknown tags are ignored, and
/// an unclosed skipped element hides the rest of the page (so the page yields less text, never garbage).
/// Whitespace is collapsed outside <c>pre</c>; entities are decoded.
/// </remarks>
internal sealed class HtmlToText
{
    private static readonly HashSet<string> s_rawText = new(StringComparer.Ordinal)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "template", "plaintext",
    };

    private static readonly HashSet<string> s_skipSubtree = new(StringComparer.Ordinal)
    {
        "nav", "footer", "aside", "form", "button", "select", "dialog", "svg", "math", "object", "video", "audio", "canvas", "map",
    };

    private static readonly HashSet<string> s_void = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    private static readonly HashSet<string> s_paragraph = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "article", "main", "blockquote", "table", "ul", "ol", "dl", "figure", "header", "pre",
        "details", "hgroup", "address", "fieldset", "center", "body", "html", "hr", "tbody", "thead", "tfoot",
    };

    private static readonly HashSet<string> s_line = new(StringComparer.Ordinal)
    {
        "li", "dt", "dd", "tr", "br", "caption", "summary", "figcaption", "option", "legend",
    };

    private readonly string _html;
    private readonly StringBuilder _out;
    private int _pos;
    private int _pendingBreak;
    private bool _pendingSpace;
    private string? _pendingPrefix;
    private int _heading;
    private int _pre;
    private string? _title;

    private HtmlToText(string html)
    {
        _html = html;
        _out = new StringBuilder(Math.Min(html.Length / 3 + 16, 1 << 20));
    }

    /// <summary>Converts <paramref name="html"/>; returns the text and the page title, if any.</summary>
    public static (string Text, string? Title) Convert(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var converter = new HtmlToText(html);
        converter.Run();
        return (converter._out.ToString(), converter._title);
    }

    private void Run()
    {
        var html = _html;
        var textStart = 0;
        while (_pos < html.Length)
        {
            var lt = html.IndexOf('<', _pos);
            if (lt < 0)
            {
                break;
            }

            if (lt + 1 >= html.Length)
            {
                break;
            }

            var next = html[lt + 1];
            if (next == '!' || next == '?' || next == '/' || char.IsAsciiLetter(next))
            {
                EmitText(html.AsSpan(textStart, lt - textStart));
                _pos = lt;
                ReadMarkup();
                textStart = _pos;
            }
            else
            {
                _pos = lt + 1;
            }
        }

        EmitText(html.AsSpan(textStart));
    }

    private void ReadMarkup()
    {
        var html = _html;
        if (string.CompareOrdinal(html, _pos, "<!--", 0, 4) == 0)
        {
            var end = html.IndexOf("-->", _pos + 4, StringComparison.Ordinal);
            _pos = end < 0 ? html.Length : end + 3;
            return;
        }

        if (html[_pos + 1] is '!' or '?')
        {
            if (string.CompareOrdinal(html, _pos, "<![CDATA[", 0, 9) == 0)
            {
                var end = html.IndexOf("]]>", _pos + 9, StringComparison.Ordinal);
                var stop = end < 0 ? html.Length : end;
                EmitRaw(html.AsSpan(_pos + 9, stop - _pos - 9));
                _pos = end < 0 ? html.Length : end + 3;
                return;
            }

            var close = html.IndexOf('>', _pos);
            _pos = close < 0 ? html.Length : close + 1;
            return;
        }

        var tag = ReadTag(out var isEnd, out var selfClosing, out var hide);
        if (tag.Length == 0)
        {
            return;
        }

        if (isEnd)
        {
            EndTag(tag);
            return;
        }

        if (s_rawText.Contains(tag))
        {
            var content = SkipRawText(tag);
            if (tag == "title" && _title is null)
            {
                _title = Collapse(WebUtility.HtmlDecode(content));
            }

            return;
        }

        if (!s_void.Contains(tag) && !selfClosing && (hide || s_skipSubtree.Contains(tag)))
        {
            SkipSubtree(tag);
            return;
        }

        StartTag(tag);
    }

    private void StartTag(string tag)
    {
        if (tag.Length == 2 && tag[0] == 'h' && tag[1] is >= '1' and <= '6')
        {
            Break(2);
            _heading = tag[1] - '0';
            _pendingPrefix = new string('#', _heading) + " ";
            return;
        }

        if (tag == "pre")
        {
            _pre++;
        }

        if (tag == "li")
        {
            Break(1);
            _pendingPrefix = "- ";
        }
        else if (tag is "td" or "th")
        {
            _pendingSpace = true;
        }
        else if (s_paragraph.Contains(tag))
        {
            Break(2);
        }
        else if (s_line.Contains(tag))
        {
            Break(1);
        }
    }

    private void EndTag(string tag)
    {
        if (tag.Length == 2 && tag[0] == 'h' && tag[1] is >= '1' and <= '6')
        {
            _heading = 0;
            _pendingPrefix = null;
            Break(2);
            return;
        }

        if (tag == "pre" && _pre > 0)
        {
            _pre--;
        }

        if (tag is "td" or "th")
        {
            _pendingSpace = true;
        }
        else if (s_paragraph.Contains(tag))
        {
            Break(2);
        }
        else if (s_line.Contains(tag))
        {
            Break(1);
        }
    }

    /// <summary>Reads a tag at _pos ('&lt;' ...) through its '&gt;'; returns the lower-case name.</summary>
    private string ReadTag(out bool isEnd, out bool selfClosing, out bool hide)
    {
        var html = _html;
        var i = _pos + 1;
        isEnd = html[i] == '/';
        if (isEnd)
        {
            i++;
        }

        selfClosing = false;
        hide = false;
        var nameStart = i;
        while (i < html.Length && (char.IsAsciiLetterOrDigit(html[i]) || html[i] is '-' or ':' or '_'))
        {
            i++;
        }

        var name = html.Substring(nameStart, i - nameStart).ToLowerInvariant();

        // Attributes: name, name=value, name="value", name='value'.
        while (i < html.Length && html[i] != '>')
        {
            var c = html[i];
            if (c == '/')
            {
                selfClosing = i + 1 < html.Length && html[i + 1] == '>';
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var attrStart = i;
            while (i < html.Length && html[i] is not ('=' or '>' or '/') && !char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            var attr = html.AsSpan(attrStart, i - attrStart);
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            ReadOnlySpan<char> value = default;
            if (i < html.Length && html[i] == '=')
            {
                i++;
                while (i < html.Length && char.IsWhiteSpace(html[i]))
                {
                    i++;
                }

                if (i < html.Length && html[i] is '"' or '\'')
                {
                    var quote = html[i];
                    var close = html.IndexOf(quote, i + 1);
                    var stop = close < 0 ? html.Length : close;
                    value = html.AsSpan(i + 1, stop - i - 1);
                    i = close < 0 ? html.Length : close + 1;
                }
                else
                {
                    var valueStart = i;
                    while (i < html.Length && html[i] != '>' && !char.IsWhiteSpace(html[i]))
                    {
                        i++;
                    }

                    value = html.AsSpan(valueStart, i - valueStart);
                }
            }

            if (!isEnd && Hides(attr, value))
            {
                hide = true;
            }
        }

        _pos = i < html.Length ? i + 1 : html.Length;
        return name;
    }

    private static bool Hides(ReadOnlySpan<char> attribute, ReadOnlySpan<char> value) =>
        attribute.Equals("hidden", StringComparison.OrdinalIgnoreCase)
        || (attribute.Equals("aria-hidden", StringComparison.OrdinalIgnoreCase) && value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase))
        || (attribute.Equals("role", StringComparison.OrdinalIgnoreCase) && value.Trim().Equals("navigation", StringComparison.OrdinalIgnoreCase));

    /// <summary>Skips the content of a raw-text element up to its end tag; returns the content.</summary>
    private string SkipRawText(string tag)
    {
        var html = _html;
        var search = _pos;
        while (true)
        {
            var end = html.IndexOf("</", search, StringComparison.Ordinal);
            if (end < 0)
            {
                var rest = html[_pos..];
                _pos = html.Length;
                return rest;
            }

            if (end + 2 + tag.Length <= html.Length
                && html.AsSpan(end + 2, tag.Length).Equals(tag, StringComparison.OrdinalIgnoreCase)
                && (end + 2 + tag.Length == html.Length || !char.IsAsciiLetterOrDigit(html[end + 2 + tag.Length])))
            {
                var content = html[_pos..end];
                var close = html.IndexOf('>', end);
                _pos = close < 0 ? html.Length : close + 1;
                return content;
            }

            search = end + 2;
        }
    }

    /// <summary>Skips an element with everything inside it, counting nested elements of the same name.</summary>
    private void SkipSubtree(string tag)
    {
        var html = _html;
        var depth = 1;
        while (depth > 0 && _pos < html.Length)
        {
            var lt = html.IndexOf('<', _pos);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                _pos = html.Length;
                return;
            }

            _pos = lt;
            if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                _pos = end < 0 ? html.Length : end + 3;
                continue;
            }

            var next = html[lt + 1];
            if (!(next == '/' || char.IsAsciiLetter(next)))
            {
                _pos = lt + 1;
                continue;
            }

            var name = ReadTag(out var isEnd, out var selfClosing, out _);
            if (!isEnd && s_rawText.Contains(name))
            {
                SkipRawText(name);
                continue;
            }

            if (name == tag)
            {
                if (isEnd)
                {
                    depth--;
                }
                else if (!selfClosing)
                {
                    depth++;
                }
            }
        }
    }

    private void Break(int level)
    {
        if (_heading > 0)
        {
            // A line break inside a heading keeps the heading on one line.
            _pendingSpace = true;
            return;
        }

        _pendingBreak = Math.Max(_pendingBreak, level);
        _pendingSpace = false;
        if (level > 1)
        {
            // A list marker left by an empty item must not land on the next paragraph.
            _pendingPrefix = null;
        }
    }

    private void EmitText(ReadOnlySpan<char> raw)
    {
        if (raw.IsEmpty)
        {
            return;
        }

        if (raw.Contains('&'))
        {
            EmitRaw(WebUtility.HtmlDecode(raw.ToString()));
        }
        else
        {
            EmitRaw(raw);
        }
    }

    private void EmitRaw(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (_pre > 0 && _heading == 0 && c is '\n' or '\r')
            {
                if (c == '\n')
                {
                    Break(1);
                }

                continue;
            }

            if (char.IsWhiteSpace(c) || c == '\u200B')
            {
                _pendingSpace = true;
                continue;
            }

            if (_pendingBreak > 0)
            {
                if (_out.Length > 0)
                {
                    _out.Append('\n', _pendingBreak);
                }

                _pendingBreak = 0;
                _pendingSpace = false;
            }
            else if (_pendingSpace && _out.Length > 0 && _out[^1] != '\n')
            {
                _out.Append(' ');
            }

            _pendingSpace = false;
            if (_pendingPrefix is not null)
            {
                _out.Append(_pendingPrefix);
                _pendingPrefix = null;
            }

            _out.Append(c);
        }
    }

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
