using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Actors.Cli.Commands;

/// <summary>The end-of-run summary as plain aligned text (no control codes), from summary.json's object.</summary>
internal static class SummaryText
{
    public static string Render(JsonObject summary)
    {
        var text = new StringBuilder();
        void Line(string key, object? value) => text.Append(CultureInfo.InvariantCulture, $"{key,-28} {value}\n");
        Line("run", summary["run_id"]);
        Line("recipe", summary["recipe"]);
        Line("status", summary["status"]);
        Line("backend", summary["backend"]);
        Line("records committed", summary["records_committed"]);
        if (summary["this_attempt"] is JsonObject attempt)
        {
            Line("this attempt", $"{attempt["records"]} records in {attempt["seconds"]} s ({attempt["records_per_second"]} records/s)");
        }

        if (summary["shards"] is JsonObject shards)
        {
            Line("shards", $"{shards["done"]} done, {shards["pending"]} pending, {shards["failed"]} failed of {shards["total"]}");
        }

        if (summary["outputs"] is JsonObject outputs)
        {
            foreach (var (dataset, node) in outputs)
            {
                Line($"output {dataset}", $"{node?["rows"]} rows in {node?["files"]} files");
            }
        }

        Line("dead letters", summary["dead_letters"]);
        if (summary["score_histogram"] is JsonObject histogram && histogram.Any(kv => kv.Value?.GetValue<long>() > 0))
        {
            Line("score histogram", string.Join("  ", histogram.Select(kv => $"{kv.Key}:{kv.Value}")));
        }

        if (summary["drops"] is JsonObject drops)
        {
            foreach (var (reason, count) in drops)
            {
                Line(reason, count);
            }
        }

        return text.ToString().TrimEnd();
    }
}
