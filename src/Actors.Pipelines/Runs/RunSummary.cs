using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Cluster;
using Actors.Inference;
using Actors.Parquet;

namespace Actors.Pipelines.Runs;

/// <summary>
/// <c>summary.json</c>: the run's counters (from the store, so they cover every attempt), grouped into stages,
/// drop reasons and the score histogram, plus outputs, dead letters, models and throughput. Written
/// atomically at the end of every attempt, including drained ones.
/// </summary>
public static class RunSummary
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>Builds the summary.</summary>
    public static async Task<JsonObject> BuildAsync(
        IRunStore store,
        RunManifest manifest,
        IReadOnlyList<DeviceInfo> devices,
        string status,
        TimeSpan elapsed,
        long recordsThisAttempt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(manifest);
        var run = new RunId(manifest.RunId);
        var counters = await store.GetCountersAsync(run, cancellationToken).ConfigureAwait(false);
        var parts = await store.ListPartsAsync(run, cancellationToken).ConfigureAwait(false);
        var shards = await store.ListShardsAsync(run, cancellationToken).ConfigureAwait(false);
        long deadLetters = await store.CountDeadLettersAsync(run, cancellationToken).ConfigureAwait(false);

        var counterNode = new JsonObject();
        foreach (var (name, value) in counters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            counterNode[name] = value;
        }

        var histogram = new JsonObject();
        for (int score = 1; score <= 5; score++)
        {
            histogram[score.ToString(CultureInfo.InvariantCulture)] = counters.GetValueOrDefault($"score.histogram.{score}");
        }

        var drops = new JsonObject();
        foreach (var (name, value) in counters.Where(kv => kv.Key.Contains(".dropped.", StringComparison.Ordinal)
                     || kv.Key.Contains(".rejected.", StringComparison.Ordinal)
                     || kv.Key.Contains(".failed.", StringComparison.Ordinal)
                     || kv.Key.Contains(".parse_failed.", StringComparison.Ordinal)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            drops[name] = value;
        }

        var outputs = new JsonObject();
        foreach (var dataset in parts.GroupBy(p => p.Part.Dataset).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            outputs[dataset.Key] = new JsonObject
            {
                ["files"] = dataset.Count(),
                ["rows"] = dataset.Sum(p => p.Part.Rows),
                ["bytes"] = dataset.Sum(p => p.Part.SizeBytes ?? 0),
            };
        }

        var models = new JsonArray();
        foreach (var device in devices)
        {
            models.Add(new JsonObject
            {
                ["device"] = device.Name,
                ["backend"] = device.Backend,
                ["model"] = device.Model,
                ["offline"] = device.IsOffline,
                ["requests"] = device.Requests,
                ["tokens_in"] = device.TokensIn,
                ["tokens_out"] = device.TokensOut,
                ["errors"] = device.Errors,
            });
        }

        bool offline = devices.Count > 0 && devices.All(d => d.IsOffline);
        return new JsonObject
        {
            ["run_id"] = manifest.RunId,
            ["recipe"] = manifest.Recipe,
            ["status"] = status,
            ["code_version"] = manifest.CodeVersion,
            ["config_hash"] = manifest.ConfigHash,
            ["backend"] = offline ? "offline (deterministic heuristics, not a model)" : "openai-compatible",
            ["offline"] = offline,
            ["models"] = models,
            ["shards"] = new JsonObject
            {
                ["total"] = shards.Count,
                ["done"] = shards.Count(s => s.State == ShardState.Done),
                ["failed"] = shards.Count(s => s.State == ShardState.Failed),
                ["pending"] = shards.Count(s => s.State == ShardState.Pending),
            },
            ["records_committed"] = shards.Sum(s => s.CommittedRecords),
            ["this_attempt"] = new JsonObject
            {
                ["records"] = recordsThisAttempt,
                ["seconds"] = Math.Round(elapsed.TotalSeconds, 3),
                ["records_per_second"] = elapsed.TotalSeconds > 0 ? Math.Round(recordsThisAttempt / elapsed.TotalSeconds, 2) : 0,
            },
            ["outputs"] = outputs,
            ["dead_letters"] = deadLetters,
            ["score_histogram"] = histogram,
            ["drops"] = drops,
            ["counters"] = counterNode,
        };
    }

    /// <summary>
    /// Writes <paramref name="summary"/> to <paramref name="path"/> atomically; several cluster nodes may write the
    /// same job's summary at once, each through its own temporary file.
    /// </summary>
    public static async Task WriteAsync(string path, JsonObject summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var file = AtomicFile.Create(path, uniqueTemporary: true);
        await using var fileScope = file.ConfigureAwait(false);
        await JsonSerializer.SerializeAsync(file.Stream, summary, s_json, cancellationToken).ConfigureAwait(false);
        await file.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
