using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Actors.Hocon.Syntax;

namespace Actors.Hocon.Parsing;

/// <summary>
/// Recursive-descent HOCON parser over characters. Produces an unresolved tree: substitutions, value
/// concatenations holding substitutions, and merge stacks stay as nodes until <c>SubstitutionResolver</c> runs.
/// </summary>
internal sealed partial class HoconParser
{
    // Limits keep hostile input from exhausting the stack; real configuration stays far below them.
    private const int MaxNesting = 100;
    private const int MaxPathElements = 100;
    private const string ForbiddenCharacters = "$\"{}[]:=,+#`^?!@*&\\";
    private const string IncludeSyntax = "include must be followed by \"file\", file(\"...\"), url(\"...\"), classpath(\"...\") or required(...) around one of them";

    private readonly string _text;
    private readonly string _source;
    private readonly IncludeLoader _includes;
    private readonly IReadOnlyList<string> _includePrefix;
    private int _pos;
    private int _line = 1;
    private int _nesting;

    private HoconParser(string text, string source, IncludeLoader includes, IReadOnlyList<string> includePrefix)
    {
        _text = text;
        _source = source;
        _includes = includes;
        _includePrefix = includePrefix;
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _text[_pos];

    private ConfigOrigin Here => new(_source, _line);

    private bool AtComment => !AtEnd && (Current == '#' || Current == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/');

    /// <summary>Parses one document whose root is an object (braces optional).</summary>
    /// <param name="text">The document.</param>
    /// <param name="source">The name used in origins, normally the file path.</param>
    /// <param name="includes">Resolves include statements relative to the document.</param>
    /// <param name="includePrefix">The path at which the document is included; empty for a top-level document.</param>
    public static HoconObject ParseDocument(string text, string source, IncludeLoader includes, IReadOnlyList<string> includePrefix) =>
        new HoconParser(text, source, includes, includePrefix).ParseRoot();

    /// <summary>Parses a path expression such as <c>actors.inference."gpu.0".model</c>.</summary>
    public static IReadOnlyList<string> ParsePath(string expression, string source)
    {
        var parser = new HoconParser(expression, source, IncludeLoader.ForText(null), []);
        parser.SkipInline();
        var path = parser.ReadPathExpression();
        parser.SkipInline();
        if (!parser.AtEnd)
        {
            throw parser.Error($"unexpected {Describe(parser.Current)} in the path '{expression}'");
        }

        return path;
    }

    internal static bool IsWhitespace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f' || c == '\ufeff';

    private static bool IsInlineWhitespace(char c) => c != '\n' && IsWhitespace(c);

    private static bool IsUnquotedChar(char c) => !IsWhitespace(c) && !ForbiddenCharacters.Contains(c, StringComparison.Ordinal);

    private static string Describe(char c) => c == '\n' ? "a new line" : $"'{c}'";

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();

    private ConfigurationException Error(string reason) => new(Here, null, reason);

    private ConfigurationException ErrorAt(int line, string reason) => new(new ConfigOrigin(_source, line), null, reason);

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
        }

        _pos++;
    }

    private HoconObject ParseRoot()
    {
        SkipSpace(newlines: true);
        if (AtEnd)
        {
            return new HoconObject(Here);
        }

        if (Current == '[')
        {
            throw Error("a configuration must be an object at its root, not an array; give the array a key, as in items = [ ... ]");
        }

        if (Current != '{')
        {
            return ParseObjectBody(_includePrefix, braced: false, Here);
        }

        var root = ParseBracedObject(_includePrefix);
        SkipSpace(newlines: true);
        if (!AtEnd)
        {
            throw Error($"unexpected {Describe(Current)} after the '}}' that closes the root object");
        }

        return root;
    }

    private HoconObject ParseBracedObject(IReadOnlyList<string>? prefix)
    {
        var origin = Here;
        Advance();
        Enter();
        var result = ParseObjectBody(prefix, braced: true, origin);
        _nesting--;
        return result;
    }

    private HoconObject ParseObjectBody(IReadOnlyList<string>? prefix, bool braced, ConfigOrigin origin)
    {
        var result = new HoconObject(origin);
        while (true)
        {
            SkipSpace(newlines: true);
            if (AtEnd)
            {
                if (braced)
                {
                    throw Error($"missing '}}' to close the object opened at line {origin.Line}");
                }

                return result;
            }

            switch (Current)
            {
                case '}' when braced:
                    Advance();
                    return result;
                case '}':
                    throw Error("unexpected '}': no object is open here");
                case ',':
                    throw Error("unexpected ','; a comma may only follow a field");
            }

            ParseField(result, prefix);
            SkipSeparator('}', "field");
        }
    }

    private void ParseField(HoconObject target, IReadOnlyList<string>? prefix)
    {
        if (AtIncludeKeyword())
        {
            ParseInclude(target, prefix);
            return;
        }

        var origin = Here;
        var key = ReadPathExpression();
        SkipInline();
        if (AtEnd)
        {
            throw Error($"expected ':', '=' or '{{' after the key '{ConfigPath.Format(key)}', found the end of the input");
        }

        IReadOnlyList<string>? fieldPath = prefix is null ? null : [.. prefix, .. key];
        var append = false;
        switch (Current)
        {
            case ':' or '=':
                Advance();
                SkipSpace(newlines: true);
                break;
            case '+' when _pos + 1 < _text.Length && _text[_pos + 1] == '=':
                _pos += 2;
                append = true;
                SkipSpace(newlines: true);
                break;
            case '{':
                break;
            default:
                throw Error($"expected ':', '=' or '{{' after the key '{ConfigPath.Format(key)}', found {Describe(Current)}");
        }

        var value = ParseValue(fieldPath);
        if (append)
        {
            // "a += v" is "a = ${?a} [v]": the optional self-reference sees only earlier values of a.
            var self = new HoconSubstitution(fieldPath ?? key, optional: true, [], origin);
            value = new HoconConcatenation([self, new HoconArray(value.Origin, [value])], origin);
        }

        for (var i = key.Count - 1; i >= 1; i--)
        {
            var wrapper = new HoconObject(origin);
            wrapper.Set(key[i], value);
            value = wrapper;
        }

        target.Assign(key[0], value);
    }

    private bool AtIncludeKeyword()
    {
        const string keyword = "include";
        if (string.CompareOrdinal(_text, _pos, keyword, 0, keyword.Length) != 0)
        {
            return false;
        }

        var next = _pos + keyword.Length;
        return next >= _text.Length || !IsUnquotedChar(_text[next]);
    }

    private void ParseInclude(HoconObject target, IReadOnlyList<string>? prefix)
    {
        var origin = Here;
        _pos += "include".Length;
        SkipSpace(newlines: true);
        var (name, kind, required) = ReadIncludeTarget(allowRequired: true);
        var included = _includes.Load(name, kind, required, origin, prefix ?? []);
        if (included is null)
        {
            return;
        }

        foreach (var (key, value) in included.Fields)
        {
            target.Assign(key, value);
        }
    }

    private (string Name, IncludeKind Kind, bool Required) ReadIncludeTarget(bool allowRequired)
    {
        if (AtEnd)
        {
            throw Error(IncludeSyntax);
        }

        if (Current == '"')
        {
            return (ReadIncludeName(), IncludeKind.Heuristic, false);
        }

        if (allowRequired && TryConsume("required("))
        {
            SkipInline();
            var (name, kind, _) = ReadIncludeTarget(allowRequired: false);
            SkipInline();
            Expect(')', "to close required(...)");
            return (name, kind, true);
        }

        foreach (var (word, kind) in new[] { ("file(", IncludeKind.File), ("url(", IncludeKind.Url), ("classpath(", IncludeKind.Classpath) })
        {
            if (TryConsume(word))
            {
                SkipInline();
                if (AtEnd || Current != '"')
                {
                    throw Error($"{word}...) needs a quoted name, as in {word}\"other.conf\")");
                }

                var name = ReadIncludeName();
                SkipInline();
                Expect(')', $"to close {word}...)");
                return (name, kind, false);
            }
        }

        throw Error(IncludeSyntax);
    }

    private string ReadIncludeName()
    {
        var name = ReadQuotedString(out var triple);
        return triple ? throw Error("an include name must be a plain quoted string, not a triple-quoted one") : name;
    }

    private HoconNode ParseValue(IReadOnlyList<string>? fieldPath)
    {
        var parts = new List<HoconNode>();
        string? pendingWhitespace = null;
        while (!AtEnd && !AtComment)
        {
            var c = Current;
            if (c is '\n' or ',' or '}' or ']')
            {
                break;
            }

            if (IsInlineWhitespace(c))
            {
                var start = _pos;
                SkipInline();
                pendingWhitespace = _text[start.._pos];
                continue;
            }

            HoconNode part = c switch
            {
                '{' => ParseBracedObject(fieldPath),
                '[' => ParseArray(),
                '"' => ParseQuotedValue(),
                '$' => ParseSubstitution(),
                _ when IsUnquotedChar(c) => ParseUnquotedValue(),
                _ => throw Error($"unexpected {Describe(c)} in a value; quote the value if the character belongs to a string"),
            };

            // Whitespace only counts between two values; before the first and after the last it is dropped.
            if (pendingWhitespace is not null && parts.Count > 0)
            {
                parts.Add(new HoconScalar(ScalarKind.Whitespace, pendingWhitespace, part.Origin));
            }

            pendingWhitespace = null;
            parts.Add(part);
        }

        if (parts.Count == 0)
        {
            throw Error(AtEnd ? "expected a value, found the end of the input" : $"expected a value, found {Describe(Current)}");
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        return parts.Exists(p => p.IsUnresolved)
            ? new HoconConcatenation(parts, parts[0].Origin)
            : ValueConcatenation.Fold(parts, parts[0].Origin)!;
    }

    private HoconArray ParseArray()
    {
        var result = new HoconArray(Here);
        var openLine = _line;
        Advance();
        Enter();
        while (true)
        {
            SkipSpace(newlines: true);
            if (AtEnd)
            {
                throw Error($"missing ']' to close the array opened at line {openLine}");
            }

            if (Current == ']')
            {
                Advance();
                break;
            }

            if (Current == ',')
            {
                throw Error("unexpected ','; a comma may only follow an element");
            }

            result.Items.Add(ParseValue(fieldPath: null));
            SkipSeparator(']', "element");
        }

        _nesting--;
        return result;
    }

    /// <summary>After a field or element: a comma, a new line, the closing bracket, or the end of the input.</summary>
    private void SkipSeparator(char closing, string what)
    {
        SkipSpace(newlines: false);
        if (AtEnd)
        {
            return;
        }

        if (Current == ',')
        {
            Advance();
        }
        else if (Current != '\n' && Current != closing)
        {
            throw Error($"expected ',' or a new line after the {what}, found {Describe(Current)}");
        }
    }

    private HoconScalar ParseQuotedValue()
    {
        var origin = Here;
        return new HoconScalar(ScalarKind.String, ReadQuotedString(out _), origin);
    }

    private HoconScalar ParseUnquotedValue()
    {
        var origin = Here;
        var start = _pos;
        ReadUnquotedRun();
        var text = _text[start.._pos];
        var kind = text switch
        {
            "true" or "false" => ScalarKind.Boolean,
            "null" => ScalarKind.Null,
            _ when JsonNumber().IsMatch(text) => ScalarKind.Number,
            _ => ScalarKind.String,
        };
        return new HoconScalar(kind, text, origin);
    }

    private HoconSubstitution ParseSubstitution()
    {
        var origin = Here;
        if (_pos + 1 >= _text.Length || _text[_pos + 1] != '{')
        {
            throw Error("'$' starts a substitution such as ${path}; quote the value if it holds a literal '$'");
        }

        _pos += 2;
        var optional = false;
        if (!AtEnd && Current == '?')
        {
            optional = true;
            _pos++;
        }

        SkipInline();
        var path = ReadPathExpression();
        SkipInline();
        if (AtEnd || Current != '}')
        {
            throw Error($"expected '}}' to close the substitution ${{{ConfigPath.Format(path)}");
        }

        _pos++;
        return new HoconSubstitution(path, optional, _includePrefix, origin);
    }

    /// <summary>Reads a key or substitution path: quoted and unquoted pieces; unquoted dots separate elements.</summary>
    private List<string> ReadPathExpression()
    {
        var elements = new List<string>();
        var current = new StringBuilder();
        var elementHasText = false;
        var any = false;
        while (!AtEnd)
        {
            var c = Current;
            if (c == '"')
            {
                current.Append(ReadQuotedString(out _));
                elementHasText = true;
                any = true;
            }
            else if (IsUnquotedChar(c) && !AtComment)
            {
                any = true;
                while (!AtEnd && IsUnquotedChar(Current) && !AtComment)
                {
                    if (Current == '.')
                    {
                        if (!elementHasText)
                        {
                            throw Error("empty path element (two dots, or a leading dot); quote an empty key as \"\"");
                        }

                        AddElement(elements, current);
                        elementHasText = false;
                    }
                    else
                    {
                        current.Append(Current);
                        elementHasText = true;
                    }

                    _pos++;
                }
            }
            else if (any && IsInlineWhitespace(c))
            {
                // Whitespace inside a key is kept ("a b c" : 1) but only when more key text follows.
                var start = _pos;
                SkipInline();
                if (!AtEnd && (Current == '"' || IsUnquotedChar(Current) && !AtComment))
                {
                    current.Append(_text, start, _pos - start);
                    continue;
                }

                _pos = start;
                break;
            }
            else
            {
                break;
            }
        }

        if (!any)
        {
            throw Error(AtEnd ? "expected a key, found the end of the input" : $"expected a key, found {Describe(Current)}");
        }

        if (!elementHasText)
        {
            throw Error("a path cannot end with '.'; quote an empty key as \"\"");
        }

        AddElement(elements, current);
        return elements;
    }

    private void AddElement(List<string> elements, StringBuilder current)
    {
        if (elements.Count >= MaxPathElements)
        {
            throw Error($"a path may have at most {MaxPathElements} elements");
        }

        elements.Add(current.ToString());
        current.Clear();
    }

    private string ReadQuotedString(out bool triple)
    {
        var startLine = _line;
        triple = string.CompareOrdinal(_text, _pos, "\"\"\"", 0, 3) == 0;
        if (triple)
        {
            _pos += 3;
            var start = _pos;
            var end = _text.IndexOf("\"\"\"", _pos, StringComparison.Ordinal);
            if (end < 0)
            {
                throw ErrorAt(startLine, "unterminated triple-quoted string; close it with \"\"\"");
            }

            // Quotes right before the closing three belong to the string: """a""""" is a"".
            while (end + 3 < _text.Length && _text[end + 3] == '"')
            {
                end++;
            }

            while (_pos < end)
            {
                Advance();
            }

            _pos += 3;
            return _text[start..end];
        }

        _pos++;
        var text = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw ErrorAt(startLine, "unterminated quoted string; add the closing '\"'");
            }

            var c = Current;
            switch (c)
            {
                case '"':
                    _pos++;
                    return text.ToString();
                case '\n':
                    throw Error("a quoted string cannot span lines; write \\n or use a triple-quoted string");
                case < ' ':
                    throw Error($"control character U+{(int)c:X4} in a quoted string; escape it as \\u{(int)c:x4}");
                case '\\':
                    _pos++;
                    text.Append(ReadEscape());
                    break;
                default:
                    text.Append(c);
                    _pos++;
                    break;
            }
        }
    }

    private char ReadEscape()
    {
        if (AtEnd)
        {
            throw Error("unterminated escape at the end of the input");
        }

        var c = Current;
        _pos++;
        switch (c)
        {
            case '"' or '\\' or '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (_pos + 4 <= _text.Length
                    && int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    _pos += 4;
                    return (char)code;
                }

                throw Error("\\u must be followed by four hex digits");
            default:
                throw Error($"invalid escape '\\{(c == '\n' ? "(new line)" : c.ToString())}' in a quoted string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        }
    }

    private void ReadUnquotedRun()
    {
        while (!AtEnd && IsUnquotedChar(Current) && !AtComment)
        {
            _pos++;
        }
    }

    private void SkipInline()
    {
        while (!AtEnd && IsInlineWhitespace(Current))
        {
            _pos++;
        }
    }

    /// <summary>Skips whitespace and comments; new lines too when <paramref name="newlines"/> is set.</summary>
    private void SkipSpace(bool newlines)
    {
        while (!AtEnd)
        {
            var c = Current;
            if (c == '\n')
            {
                if (!newlines)
                {
                    return;
                }

                Advance();
            }
            else if (IsWhitespace(c))
            {
                _pos++;
            }
            else if (AtComment)
            {
                while (!AtEnd && Current != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private bool TryConsume(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
        {
            return false;
        }

        _pos += word.Length;
        return true;
    }

    private void Expect(char c, string purpose)
    {
        if (AtEnd || Current != c)
        {
            throw Error($"expected '{c}' {purpose}, found {(AtEnd ? "the end of the input" : Describe(Current))}");
        }

        _pos++;
    }

    private void Enter()
    {
        if (++_nesting > MaxNesting)
        {
            throw Error($"objects and arrays are nested more than {MaxNesting} deep");
        }
    }
}
