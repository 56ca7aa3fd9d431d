using System.Globalization;
using Actors.Parquet;

namespace Actors.Pipelines.Tests;

/// <summary>Reads a run's dataset rows back and renders them for comparison between runs.</summary>
internal static class OutputRows
{
    /// <summary>Every row of every Parquet part in <paramref name="directory"/> (none when it does not exist).</summary>
    public static async Task<List<IReadOnlyDictionary<string, object?>>> ReadRowsAsync(string directory)
    {
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        if (!Directory.Exists(directory))
        {
            return rows;
        }

        foreach (var file in Directory.GetFiles(directory, "*.parquet").Order(StringComparer.Ordinal))
        {
            await using var reader = await ParquetReader.OpenAsync(file);
            await foreach (var row in reader.ReadRowsAsync())
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>Rows as sorted strings without the <paramref name="ignored"/> columns (those that differ between runs).</summary>
    public static List<string> Canonical(IEnumerable<IReadOnlyDictionary<string, object?>> rows, params string[] ignored) =>
        [.. rows.Select(r => string.Join("|", r.Where(kv => !ignored.Contains(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={Render(kv.Value)}")))
            .Order(StringComparer.Ordinal)];

    private static string Render(object? value) => value switch
    {
        null => "null",
        IEnumerable<string?> list when value is not string => "[" + string.Join(",", list) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
