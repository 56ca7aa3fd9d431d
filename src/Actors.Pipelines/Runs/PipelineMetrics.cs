using System.Diagnostics.Metrics;
using System.Globalization;

namespace Actors.Pipelines.Runs;

/// <summary>
/// The recipes' quality signals on the <c>Actors.Pipelines</c> meter, recorded when a commit succeeds, so the
/// Prometheus endpoint and <c>actors watch</c> count exactly what summary.json counts for the same attempt:
/// <c>actors.pipeline.counter{recipe,name}</c> mirrors every run counter; accepted, dropped (by reason), parse
/// failures (by reason), similarity-gate rejections and the score histogram are broken out for dashboards.
/// </summary>
internal static class PipelineMetrics
{
    public const string MeterName = "Actors.Pipelines";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly Counter<long> s_counter = s_meter.CreateCounter<long>("actors.pipeline.counter", "{item}", "Every run counter, as committed (name = the summary.json counter).");
    private static readonly Counter<long> s_accepted = s_meter.CreateCounter<long>("actors.pipeline.accepted", "{item}", "Items accepted into an output (train rows, accepted labels, pool instructions).");
    private static readonly Counter<long> s_dropped = s_meter.CreateCounter<long>("actors.pipeline.dropped", "{item}", "Items dropped, rejected or failed, by reason.");
    private static readonly Counter<long> s_parseFailures = s_meter.CreateCounter<long>("actors.pipeline.parse_failures", "{item}", "Model outputs that could not be parsed, by reason.");
    private static readonly Counter<long> s_similarity = s_meter.CreateCounter<long>("actors.pipeline.similarity_rejections", "{item}", "Candidates rejected by the ROUGE-L similarity gate.");
    private static readonly Histogram<int> s_score = s_meter.CreateHistogram<int>("actors.pipeline.score", "{score}", "Judge scores 1-5 as parsed.");

    public static void Record(string recipe, IReadOnlyDictionary<string, long> counters)
    {
        foreach (var (name, delta) in counters)
        {
            if (delta <= 0)
            {
                continue;
            }

            var recipeTag = new KeyValuePair<string, object?>("recipe", recipe);
            s_counter.Add(delta, recipeTag, new("name", name));
            if (name.StartsWith("score.histogram.", StringComparison.Ordinal)
                && int.TryParse(name.AsSpan("score.histogram.".Length), NumberStyles.None, CultureInfo.InvariantCulture, out int score))
            {
                for (long i = 0; i < delta; i++)
                {
                    s_score.Record(score, recipeTag);
                }
            }
            else if (name.Contains(".parse_failed.", StringComparison.Ordinal))
            {
                s_parseFailures.Add(delta, recipeTag, new("reason", name));
            }
            else if (name.Contains("similar", StringComparison.Ordinal) && name.Contains("reject", StringComparison.Ordinal))
            {
                s_similarity.Add(delta, recipeTag);
                s_dropped.Add(delta, recipeTag, new("reason", name));
            }
            else if (name.Contains(".dropped.", StringComparison.Ordinal) || name.Contains(".rejected.", StringComparison.Ordinal) || name.Contains(".failed.", StringComparison.Ordinal))
            {
                s_dropped.Add(delta, recipeTag, new("reason", name));
            }
            else if (name.StartsWith("train.", StringComparison.Ordinal) || name.EndsWith(".accepted", StringComparison.Ordinal))
            {
                s_accepted.Add(delta, recipeTag, new("stage", name));
            }
        }
    }
}
