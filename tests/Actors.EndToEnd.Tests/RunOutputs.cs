using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Parquet;

namespace Actors.EndToEnd.Tests;

/// <summary>Reading a run's output directory for comparisons: status, counters, quarantine lines, canonical rows.</summary>
internal static class RunOutputs
{
    public static string Status(string dir) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!["status"]!.GetValue<string>();

    public static Dictionary<string, long> Counters(string dir) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!["counters"]!.AsObject()
            .ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<long>());

    public static List<string> Lines(string dir) =>
        [.. Directory.GetFiles(dir, "*.jsonl").SelectMany(File.ReadAllLines).Order(StringComparer.Ordinal)];

    /// <summary>Every row as text without the columns that legitimately differ between runs, sorted.</summary>
    public static async Task<List<string>> CanonicalRowsAsync(string dir)
    {
        var rows = new List<string>();
        foreach (var file in Directory.GetFiles(dir, "*.parquet"))
        {
            await using var reader = await ParquetReader.OpenAsync(file);
            await foreach (var row in reader.ReadRowsAsync())
            {
                rows.Add(JsonSerializer.Serialize(row.Where(kv => kv.Key is not ("run_id" or "created")).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary()));
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>Asserts that every Self-Instruct dataset of <paramref name="actual"/> holds the rows of <paramref name="reference"/>, which holds some.</summary>
    public static async Task AssertSameSelfInstructRowsAsync(string reference, string actual)
    {
        foreach (var dataset in new[] { "instructions", "prompt_completion", "alpaca", "chat" })
        {
            var expected = await CanonicalRowsAsync(Path.Combine(reference, dataset));
            Assert.True(expected.Count > 0, $"the reference run wrote no {dataset} rows");
            Assert.Equal(expected, await CanonicalRowsAsync(Path.Combine(actual, dataset)));
        }
    }

    public static string RepositoryRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Actors.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("Actors.sln not found above the test binaries");
    }
}
