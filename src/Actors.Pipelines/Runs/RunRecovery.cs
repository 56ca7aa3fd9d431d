using Actors.Cluster;

namespace Actors.Pipelines.Runs;

/// <summary>
/// Brings an output directory back in line with the run store before work resumes: part files the store
/// does not list (written, or half written, before a crash and never committed) are deleted, and part files
/// it lists must exist with their recorded size, or the run stops with <see cref="DataLossException"/>.
/// </summary>
public static class RunRecovery
{
    /// <summary>What recovery did.</summary>
    /// <param name="Deleted">Relative paths of uncommitted files removed.</param>
    /// <param name="Verified">Committed part files found intact.</param>
    public sealed record Outcome(IReadOnlyList<string> Deleted, int Verified);

    /// <summary>
    /// Reconciles the dataset folders of <paramref name="layout"/> with the store. With <paramref name="shard"/>,
    /// only that shard's part files are touched (a cluster node does this when it takes a shard over, and
    /// must not remove files other nodes are about to commit); otherwise every dataset file is.
    /// </summary>
    /// <exception cref="DataLossException">A committed part file is missing or has another size.</exception>
    public static async Task<Outcome> ReconcileAsync(IRunStore store, RunId run, RunLayout layout, IEnumerable<DatasetSpec> datasets, ShardId? shard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var parts = await store.ListPartsAsync(run, cancellationToken).ConfigureAwait(false);
        var recorded = new Dictionary<string, PartFile>(StringComparer.Ordinal);
        foreach (var committed in parts)
        {
            recorded[committed.Part.RelativePath] = committed.Part;
        }

        var prefix = shard is { } s ? $"part-{RecordCommitter.ShardTag(s)}-" : "part-";
        var deleted = new List<string>();
        foreach (var dataset in datasets)
        {
            var directory = layout.DatasetDirectory(dataset.Name);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(directory, prefix + "*"))
            {
                var relative = $"{dataset.Name}/{Path.GetFileName(file)}";
                if (!recorded.ContainsKey(relative))
                {
                    File.Delete(file);
                    deleted.Add(relative);
                }
            }
        }

        var problems = new List<string>();
        int verified = 0;
        foreach (var part in recorded.Values)
        {
            if (shard is { } only && part.Shard != only)
            {
                continue;
            }

            var path = layout.Resolve(part.RelativePath);
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                problems.Add($"{part.RelativePath}: missing ({part.Rows} rows recorded)");
            }
            else if (part.SizeBytes is { } size && info.Length != size)
            {
                problems.Add($"{part.RelativePath}: {info.Length} bytes on disk, {size} recorded");
            }
            else
            {
                verified++;
            }
        }

        if (problems.Count > 0)
        {
            throw new DataLossException(problems);
        }

        return new Outcome(deleted, verified);
    }
}
