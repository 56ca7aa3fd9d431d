using System.Text;

namespace Actors.Pipelines.Export;

/// <summary>
/// A text with <c>{name}</c> placeholders, as prompts and training templates are written in configuration.
/// Names are lower-case letters, digits and dashes; <c>{{</c> and <c>}}</c> stand for literal braces, and any
/// other brace is an error. Values are inserted once, never re-scanned, so text holding braces is safe.
/// Immutable and thread-safe.
/// </summary>
public sealed class PlaceholderTemplate
{
    private readonly (string Text, bool IsPlaceholder)[] _parts;

    /// <summary>Parses <paramref name="text"/>; <paramref name="name"/> (e.g. the configuration key) is used in errors.</summary>
    public PlaceholderTemplate(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Text = text;
        var parts = new List<(string, bool)>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append('}');
                i++;
            }
            else if (c == '{')
            {
                var end = text.IndexOf('}', i + 1);
                var placeholder = end < 0 ? "" : text[(i + 1)..end];
                if (placeholder.Length == 0 || !placeholder.All(ch => ch is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
                {
                    throw new FormatException($"{name}: a '{{' at character {i + 1} does not start a placeholder such as {{instruction}}; write {{{{ for a literal brace.");
                }

                if (literal.Length > 0)
                {
                    parts.Add((literal.ToString(), false));
                    literal.Clear();
                }

                parts.Add((placeholder, true));
                i = end;
            }
            else if (c == '}')
            {
                throw new FormatException($"{name}: a '}}' at character {i + 1} closes no placeholder; write }}}} for a literal brace.");
            }
            else
            {
                literal.Append(c);
            }
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), false));
        }

        _parts = [.. parts];
        Placeholders = _parts.Where(p => p.IsPlaceholder).Select(p => p.Text).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The name given at construction (used in error messages).</summary>
    public string Name { get; }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>The distinct placeholder names, in order of first use.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>Throws when the template uses a placeholder outside <paramref name="allowed"/>.</summary>
    public PlaceholderTemplate RequireOnly(params IReadOnlyCollection<string> allowed)
    {
        var unknown = Placeholders.Where(p => !allowed.Contains(p)).ToList();
        return unknown.Count == 0
            ? this
            : throw new FormatException($"{Name}: unknown placeholder(s) {string.Join(", ", unknown.Select(u => "{" + u + "}"))}; this template may use {string.Join(", ", allowed.Select(a => "{" + a + "}"))}.");
    }

    /// <summary>Renders the template; every placeholder it uses must have a value.</summary>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringBuilder(Text.Length + 256);
        foreach (var (text, isPlaceholder) in _parts)
        {
            if (!isPlaceholder)
            {
                builder.Append(text);
            }
            else if (values.TryGetValue(text, out var value))
            {
                builder.Append(value);
            }
            else
            {
                throw new ArgumentException($"{Name}: no value for {{{text}}}.", nameof(values));
            }
        }

        return builder.ToString();
    }

    /// <summary>Renders the template from name/value pairs.</summary>
    public string Render(params ReadOnlySpan<(string Name, string Value)> values)
    {
        var map = new Dictionary<string, string>(values.Length, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            map[name] = value;
        }

        return Render(map);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
