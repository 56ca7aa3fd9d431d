using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Metrics.Terminal;
using Spectre.Console;

namespace Actors.Metrics.Progress;

/// <summary>
/// Renders a run's summary (a dictionary of names to values; a value that is itself a dictionary becomes an
/// indented group) as a table in a terminal or as aligned plain lines elsewhere. Numbers use the invariant
/// culture; durations read "1h02m03s"; control characters in names and values are replaced.
/// </summary>
public static class SummaryTable
{
    /// <summary>Writes the summary to <paramref name="output"/>: a table when interactive, plain lines otherwise.</summary>
    public static void Write(IEnumerable<KeyValuePair<string, object?>> summary, TerminalOutput output, string title = "Summary")
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Console is { } console)
        {
            console.Write(Build(summary, title));
            return;
        }

        output.Out.Write(ToPlainText(summary, title));
        output.Out.Flush();
    }

    /// <summary>The summary as a Spectre table (two columns, nested groups indented).</summary>
    public static Table Build(IEnumerable<KeyValuePair<string, object?>> summary, string title = "Summary")
    {
        ArgumentNullException.ThrowIfNull(summary);
        var table = new Table { Title = new TableTitle(TextFormat.Markup(title)) }
            .Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Item"))
            .AddColumn(new TableColumn("Value").RightAligned());
        foreach (var (depth, name, value) in Flatten(summary, 0))
        {
            table.AddRow(new Text(new string(' ', depth * 2) + TextFormat.Clean(name)), new Text(TextFormat.Clean(value)));
        }

        return table;
    }

    /// <summary>The summary as plain text: a title line, then one "name  value" line per entry, values aligned.</summary>
    public static string ToPlainText(IEnumerable<KeyValuePair<string, object?>> summary, string title = "Summary")
    {
        ArgumentNullException.ThrowIfNull(summary);
        var rows = Flatten(summary, 1).ToArray();
        // Group headings have no value, so only rows with values set the column.
        int width = rows.Where(static r => r.Value.Length > 0).Select(static r => (r.Depth * 2) + TextFormat.Clean(r.Name).Length).DefaultIfEmpty(0).Max();
        var text = new StringBuilder();
        text.Append(TextFormat.Clean(title)).Append('\n');
        foreach (var (depth, name, value) in rows)
        {
            string key = new string(' ', depth * 2) + TextFormat.Clean(name);
            text.Append(value.Length == 0 ? key : key.PadRight(width + 2) + TextFormat.Clean(value)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Writes a JSON summary (such as summary.json's object): nested objects become indented groups.</summary>
    public static void Write(JsonObject summary, TerminalOutput output, string title = "Summary") => Write(FromJson(summary), output, title);

    /// <summary>A JSON summary as a Spectre table.</summary>
    public static Table Build(JsonObject summary, string title = "Summary") => Build(FromJson(summary), title);

    /// <summary>A JSON summary as plain text.</summary>
    public static string ToPlainText(JsonObject summary, string title = "Summary") => ToPlainText(FromJson(summary), title);

    /// <summary>A value as the summary shows it.</summary>
    internal static string FormatValue(object? value) => value switch
    {
        null => "-",
        string s => s,
        bool b => b ? "yes" : "no",
        double d => TextFormat.Number(d),
        float f => TextFormat.Number(f),
        TimeSpan t => TextFormat.Duration(t.TotalSeconds),
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => string.Join(", ", e.Cast<object?>().Select(FormatValue)),
        _ => value.ToString() ?? "",
    };

    private static List<KeyValuePair<string, object?>> FromJson(JsonObject summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return [.. summary.Select(static p => new KeyValuePair<string, object?>(p.Key, FromJson(p.Value)))];
    }

    private static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => FromJson(o),
        JsonArray a => a.Select(FromJson).ToArray(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v when v.TryGetValue(out long l) => l,
        JsonValue v when v.TryGetValue(out double d) => d,
        _ => node.ToJsonString(),
    };

    private static IEnumerable<KeyValuePair<string, object?>> Entries(IDictionary dictionary)
    {
        // The non-generic enumerator yields DictionaryEntry for every IDictionary.
        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext())
        {
            yield return new KeyValuePair<string, object?>(Convert.ToString(entries.Key, CultureInfo.InvariantCulture) ?? "", entries.Value);
        }
    }

    private static IEnumerable<(int Depth, string Name, string Value)> Flatten(IEnumerable<KeyValuePair<string, object?>> entries, int depth)
    {
        foreach (var (name, value) in entries)
        {
            var nested = value switch
            {
                IEnumerable<KeyValuePair<string, object?>> pairs => pairs,
                IDictionary dictionary => Entries(dictionary),
                _ => null,
            };
            if (nested is null)
            {
                yield return (depth, name, FormatValue(value));
                continue;
            }

            yield return (depth, name, "");
            foreach (var row in Flatten(nested, depth + 1))
            {
                yield return row;
            }
        }
    }
}
