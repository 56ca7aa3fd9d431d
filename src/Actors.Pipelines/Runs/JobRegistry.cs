using System.Text.Json;
using Actors.Cluster;

namespace Actors.Pipelines.Runs;

/// <summary>
/// Jobs of a cluster: a job is a run in the shared store whose manifest (recipe, inputs, effective
/// configuration, shared output directory) is kept as operator state, so any node can work on it.
/// </summary>
public static class JobRegistry
{
    private const string Operator = "job";
    private const string ManifestKey = "manifest";
    private const string OutputKey = "output";
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>Records the job's manifest and output directory (idempotent: the first recording wins).</summary>
    public static async Task SaveAsync(IRunStore store, RunManifest manifest, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(manifest);
        var run = new RunId(manifest.RunId);
        var existing = await store.GetOperatorStateAsync(run, Operator, cancellationToken).ConfigureAwait(false);
        if (existing.ContainsKey(ManifestKey))
        {
            return;
        }

        var commit = store.BeginCommit(run);
        await using var commitScope = commit.ConfigureAwait(false);
        commit.SetOperatorState(Operator, ManifestKey, JsonSerializer.Serialize(manifest, s_json));
        commit.SetOperatorState(Operator, OutputKey, Path.GetFullPath(outputDirectory));
        await commit.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The job's manifest and output directory, or null for a run that was not fed as a job.</summary>
    public static async Task<(RunManifest Manifest, string Output)?> LoadAsync(IRunStore store, RunId run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var state = await store.GetOperatorStateAsync(run, Operator, cancellationToken).ConfigureAwait(false);
        if (!state.TryGetValue(ManifestKey, out var json) || !state.TryGetValue(OutputKey, out var output))
        {
            return null;
        }

        return (JsonSerializer.Deserialize<RunManifest>(json, s_json)!, output);
    }
}
