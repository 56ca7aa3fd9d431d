using Actors.Cluster;
using Actors.Pipelines.Runs;

namespace Actors.Pipelines.Backtranslation;

/// <summary>
/// Where a rescore run (<c>--rescore OUT_PREV</c>) takes its candidates from: the committed <c>candidates/</c> part
/// files of the backtranslation run in OUT_PREV, as listed by that run's store (files on disk that the store does
/// not list were never committed and are ignored). When OUT_PREV is itself a rescore run, which writes no
/// candidates, the chain of <c>--rescore</c> inputs recorded in run.json is followed back to the run that labelled
/// them, so every iteration judges the same candidate set, as in the paper.
/// </summary>
internal static class RescoreSource
{
    private const int MaxChain = 32;

    /// <summary>The source run's directory and manifest, or an <see cref="ArgumentException"/> saying what is wrong.</summary>
    /// <exception cref="ArgumentException">No run, another recipe, or a cycle of rescore runs.</exception>
    public static (RunLayout Layout, RunManifest Manifest) Resolve(string previousOutput)
    {
        ArgumentException.ThrowIfNullOrEmpty(previousOutput);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var directory = previousOutput;
        for (int hop = 0; hop < MaxChain; hop++)
        {
            var layout = new RunLayout(directory);
            if (!seen.Add(layout.Root))
            {
                throw new ArgumentException($"--rescore {previousOutput}: the chain of rescore runs loops back to {layout.Root}.");
            }

            if (!File.Exists(layout.RunFile))
            {
                throw new ArgumentException($"--rescore {directory}: no run there (no {RunLayout.RunFileName}); pass the --out directory of an earlier `actors run backtranslation`.");
            }

            RunManifest manifest;
            try
            {
                manifest = RunManifest.Load(layout.RunFile);
            }
            catch (InvalidDataException e)
            {
                throw new ArgumentException($"--rescore {directory}: {e.Message}", e);
            }

            if (manifest.Recipe != BacktranslationRecipe.Name)
            {
                throw new ArgumentException($"--rescore {directory}: that run is a {manifest.Recipe} run; only backtranslation candidates can be rescored.");
            }

            if (manifest.Inputs.TryGetValue(BacktranslationDefinition.RescoreInput, out var earlier) && earlier.Length == 1)
            {
                // A rescore run has no candidates of its own: judge the ones its source labelled.
                directory = earlier[0];
                continue;
            }

            return (layout, manifest);
        }

        throw new ArgumentException($"--rescore {previousOutput}: more than {MaxChain} rescore runs chained.");
    }

    /// <summary>
    /// One shard per committed candidates part of the source run, in commit order: id <c>rescore:RELATIVE_PATH</c>,
    /// the part's absolute path and its recorded size. Also returns the source run's id and state.
    /// </summary>
    public static async Task<(IReadOnlyList<ShardDefinition> Shards, string SourceRun, RunState? SourceState)> ShardsAsync(string previousOutput, CancellationToken cancellationToken)
    {
        var (layout, manifest) = Resolve(previousOutput);
        var store = await RunLauncher.OpenStoreAsync(layout, manifest, cancellationToken).ConfigureAwait(false);
        await using var storeScope = store.ConfigureAwait(false);
        var run = new RunId(manifest.RunId);
        var record = await store.GetRunAsync(run, cancellationToken).ConfigureAwait(false);
        var parts = await store.ListPartsAsync(run, cancellationToken).ConfigureAwait(false);
        var shards = parts
            .Where(p => p.Part.Dataset == BacktranslationDatasets.Candidates.Name)
            .Select(p =>
            {
                var path = layout.Resolve(p.Part.RelativePath);
                return new ShardDefinition(
                    new ShardId(BacktranslationRecipe.RescoreShardPrefix + p.Part.RelativePath),
                    path,
                    p.Part.SizeBytes ?? (File.Exists(path) ? new FileInfo(path).Length : 0));
            })
            .ToList();
        return (shards, manifest.RunId, record?.State);
    }
}
