using System.Security.Cryptography;
using System.Text;
using Actors.Cluster;
using Actors.Parquet;
using Actors.Streams.Dsl;

namespace Actors.Pipelines.Runs;

/// <summary>
/// The commit point of a run. For a batch of finished records it writes one part file per dataset
/// (temporary name, fsync, rename), then records the files, the records' ordinals and every state change
/// the records carry in ONE store transaction. A crash before the transaction leaves unrecorded files
/// that <see cref="RunRecovery"/> deletes; a crash after it leaves a consistent store. Records arrive in
/// any order (parallel inference completes out of order): progress is the set of committed ordinals.
/// Not thread-safe: one committer per graph, fed by one stage.
/// </summary>
public sealed class RecordCommitter
{
    private readonly IRunStore _store;
    private readonly RunLayout _layout;
    private readonly IReadOnlyDictionary<string, DatasetSpec> _datasets;
    private readonly ParquetWriterOptions _parquet;
    private readonly IReadOnlyDictionary<string, string> _metadata;
    private readonly string _attempt;
    private long _sequence;

    /// <summary>Creates a committer for <paramref name="run"/>.</summary>
    /// <param name="store">The run store.</param>
    /// <param name="run">The run.</param>
    /// <param name="layout">The output directory.</param>
    /// <param name="datasets">The datasets records may write to.</param>
    /// <param name="parquet">Parquet writer settings.</param>
    /// <param name="metadata">Key/value metadata written into every Parquet part (run id, models, backend).</param>
    public RecordCommitter(IRunStore store, RunId run, RunLayout layout, IEnumerable<DatasetSpec> datasets, ParquetWriterOptions parquet, IReadOnlyDictionary<string, string> metadata)
    {
        _store = store;
        Run = run;
        _layout = layout;
        _datasets = datasets.ToDictionary(d => d.Name, StringComparer.Ordinal);
        _parquet = parquet;
        _metadata = metadata;

        // Part names carry a token of this process, so a new attempt never reuses the name of a file
        // that an earlier, crashed attempt left behind (recovery deletes those, but only when it runs).
        _attempt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
    }

    /// <summary>The run.</summary>
    public RunId Run { get; }

    /// <summary>The lease every commit must still hold (cluster mode); null for the embedded store.</summary>
    public LeaseToken? Fence { get; set; }

    /// <summary>Records committed so far by this committer.</summary>
    public long RecordsCommitted { get; private set; }

    /// <summary>The file-name tag of a shard's part files: <c>part-TAG-...</c>.</summary>
    public static string ShardTag(ShardId shard) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(shard.Value)))[..10];

    /// <summary>
    /// The common tail of a shard's graph: batches finished records (at most <paramref name="batchSize"/>, waiting at
    /// most <paramref name="interval"/>), commits each batch, and once the whole shard is committed (and the run is
    /// not draining, in which case the shard stays pending and resume picks it up where the commits end) completes
    /// <paramref name="shard"/> with <paramref name="records"/> records.
    /// </summary>
    public async Task CommitShardAsync(Source<RecordOutput> outputs, ShardId shard, Func<long> records, RunContext context, int batchSize, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(context);
        var graph = outputs
            .GroupedWithin(batchSize, interval)
            .SelectAsync(1, async (batch, ct) =>
            {
                await CommitAsync(batch, null, ct).ConfigureAwait(false);
                context.OnCommitted?.Invoke(batch.Count);
                return batch.Count;
            })
            .Named("commit");
        var running = graph.RunWith(Sink.Ignore<int>(), context.Streams.ToRunOptions(shard.Value), cancellationToken);
        await running.Completion.ConfigureAwait(false);
        if (context.Drain.IsCancellationRequested)
        {
            return;
        }

        var final = _store.BeginCommit(Run, Fence);
        await using var finalScope = final.ConfigureAwait(false);
        final.CompleteShard(shard, records());
        await final.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Commits <paramref name="batch"/>: part files first, then one transaction. <paramref name="extra"/> adds
    /// further changes to the same transaction (e.g. completing a shard).
    /// </summary>
    /// <exception cref="FencedOffException">The lease was lost; the part files written are left for recovery.</exception>
    public async Task<CommitResult> CommitAsync(IReadOnlyList<RecordOutput> batch, Action<RunCommit>? extra, CancellationToken cancellationToken)
    {
        var written = new List<PartFile>();
        foreach (var group in batch.SelectMany(r => r.Rows.Select(kv => (Record: r, Dataset: kv.Key, Rows: kv.Value)))
                     .Where(x => x.Rows.Count > 0)
                     .GroupBy(x => (x.Dataset, x.Record.Shard)))
        {
            if (!_datasets.TryGetValue(group.Key.Dataset, out var dataset))
            {
                throw new InvalidOperationException($"Records wrote to dataset '{group.Key.Dataset}', which this run does not declare.");
            }

            var rows = group.SelectMany(x => x.Rows).ToList();
            var ordinals = new OrdinalSetBuilder();
            foreach (var x in group)
            {
                ordinals.Add(x.Record.Ordinal);
            }

            var relative = $"{dataset.Name}/part-{ShardTag(group.Key.Shard)}-{_attempt}-{++_sequence:D6}{dataset.Extension}";
            var size = await PartFileWriter.WriteAsync(_layout.Resolve(relative), dataset, rows, _parquet, _metadata, cancellationToken).ConfigureAwait(false);
            written.Add(new PartFile(dataset.Name, relative, rows.Count, group.Key.Shard, ordinals.ToOrdinalSet()) { SizeBytes = size });
        }

        CrashHook.AfterPartFiles();
        var commit = _store.BeginCommit(Run, Fence);

        await using var commitScope = commit.ConfigureAwait(false);
        foreach (var part in written)
        {
            commit.AddPart(part);
        }

        foreach (var byShard in batch.GroupBy(r => r.Shard))
        {
            var done = new OrdinalSetBuilder();
            foreach (var record in byShard)
            {
                done.Add(record.Ordinal);
            }

            commit.MarkRecordsDone(byShard.Key, done.ToOrdinalSet());
        }

        foreach (var record in batch)
        {
            commit.IncrementCounters(record.Counters);
            commit.AddDeadLetters(record.DeadLetters);
            foreach (var (op, entry) in record.Dedup)
            {
                commit.AddDedupEntries(op, [entry]);
            }

            foreach (var entry in record.Pool)
            {
                commit.AppendPool(entry);
            }
        }

        extra?.Invoke(commit);
        CommitResult result;
        try
        {
            result = await commit.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (FencedOffException)
        {
            // Another node owns the shard now: these files will never be recorded, and that node's recovery may
            // already have run, so remove them here rather than leave strays beside its outputs.
            foreach (var part in written)
            {
                File.Delete(_layout.Resolve(part.RelativePath));
            }

            throw;
        }

        RecordsCommitted += batch.Count;
        if (!result.AlreadyApplied)
        {
            var totals = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var record in batch)
            {
                foreach (var (name, delta) in record.Counters)
                {
                    totals[name] = totals.GetValueOrDefault(name) + delta;
                }
            }

            PipelineMetrics.Record(_metadata.TryGetValue("actors.recipe", out var recipe) ? recipe : "unknown", totals);
        }

        return result;
    }
}
