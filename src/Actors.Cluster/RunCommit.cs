namespace Actors.Cluster;

/// <summary>
/// A unit of work: part files and the state changes that go with them, written by <see cref="CommitAsync"/> in one
/// store transaction, all or nothing. Nothing touches the store before <see cref="CommitAsync"/>; disposing an
/// uncommitted unit discards it. Create one with <see cref="IRunStore.BeginCommit"/>; not thread-safe.
/// </summary>
/// <remarks>
/// Applied in this order inside the transaction: the commit id (a repeated id makes the whole unit a no-op that
/// reports <see cref="CommitResult.AlreadyApplied"/>), the fences, part files, record progress, shard states,
/// counters, dedup entries, operator state, pool entries, dead letters. Any failure rolls everything back.
/// </remarks>
public sealed class RunCommit : IAsyncDisposable
{
    private readonly ICommitTarget _target;
    private readonly List<LeaseToken> _fences = [];
    private readonly List<PartFile> _parts = [];
    private readonly Dictionary<ShardId, OrdinalSetBuilder> _done = [];
    private readonly Dictionary<ShardId, long> _completed = [];
    private readonly Dictionary<ShardId, string> _failed = [];
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly List<(string Operator, DedupEntry Entry)> _dedup = [];
    private readonly Dictionary<(string Operator, string Key), string> _state = [];
    private readonly List<PoolEntry> _pool = [];
    private readonly List<DeadLetter> _deadLetters = [];
    private CommitResult? _result;
    private bool _disposed;

    internal RunCommit(ICommitTarget target, RunId run, LeaseToken? fence, CommitId id)
    {
        _target = target;
        Run = run;
        Id = id;
        if (fence is { } token)
        {
            _fences.Add(token);
        }
    }

    /// <summary>The run the unit belongs to.</summary>
    public RunId Run { get; }

    /// <summary>The commit id; committing twice with the same id applies the unit once.</summary>
    public CommitId Id { get; }

    /// <summary>Whether the unit holds nothing to write (an empty unit still records its commit id).</summary>
    public bool IsEmpty => _parts.Count == 0 && _done.Count == 0 && _completed.Count == 0 && _failed.Count == 0
        && _counters.Count == 0 && _dedup.Count == 0 && _state.Count == 0 && _pool.Count == 0 && _deadLetters.Count == 0;

    internal IReadOnlyList<LeaseToken> Fences => _fences;

    internal IReadOnlyList<PartFile> Parts => _parts;

    internal IReadOnlyDictionary<ShardId, OrdinalSetBuilder> Done => _done;

    internal IReadOnlyDictionary<ShardId, long> Completed => _completed;

    internal IReadOnlyDictionary<ShardId, string> Failed => _failed;

    internal IReadOnlyDictionary<string, long> Counters => _counters;

    internal IReadOnlyList<(string Operator, DedupEntry Entry)> Dedup => _dedup;

    internal IReadOnlyDictionary<(string Operator, string Key), string> State => _state;

    internal IReadOnlyList<PoolEntry> Pool => _pool;

    internal IReadOnlyList<DeadLetter> DeadLetters => _deadLetters;

    /// <summary>
    /// Requires one more lease to be valid at commit time (the one given to <see cref="IRunStore.BeginCommit"/> is
    /// already required), for example the similarity gate's singleton next to a shard lease.
    /// </summary>
    public RunCommit AddFence(LeaseToken fence)
    {
        ThrowIfSealed();
        _fences.Add(fence);
        return this;
    }

    /// <summary>Records a finished part file (already renamed into place). Its path must not be recorded yet.</summary>
    public RunCommit AddPart(PartFile part)
    {
        ArgumentNullException.ThrowIfNull(part);
        ThrowIfSealed();
        _parts.Add(part);
        return this;
    }

    /// <summary>
    /// Marks records of <paramref name="shard"/> done: every output they produce is in a committed part file (or they
    /// produce none, or they were dead-lettered). Sets may arrive in any order; the store keeps their union.
    /// </summary>
    public RunCommit MarkRecordsDone(ShardId shard, OrdinalSet ordinals)
    {
        ArgumentNullException.ThrowIfNull(ordinals);
        ThrowIfSealed();
        if (!_done.TryGetValue(shard, out var builder))
        {
            builder = new OrdinalSetBuilder();
            _done[shard] = builder;
        }

        builder.UnionWith(ordinals);
        return this;
    }

    /// <summary>
    /// Marks <paramref name="shard"/> done: it held <paramref name="totalRecords"/> records, all committed. The commit
    /// fails unless the shard's committed ordinals (with this unit's) number exactly <paramref name="totalRecords"/>.
    /// </summary>
    public RunCommit CompleteShard(ShardId shard, long totalRecords)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalRecords);
        ThrowIfSealed();
        _completed[shard] = totalRecords;
        return this;
    }

    /// <summary>Gives up on <paramref name="shard"/> (for example an unreadable file) with the reason.</summary>
    public RunCommit FailShard(ShardId shard, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        ThrowIfSealed();
        _failed[shard] = reason;
        return this;
    }

    /// <summary>Adds <paramref name="delta"/> to the run counter <paramref name="name"/> (created at 0).</summary>
    public RunCommit IncrementCounter(string name, long delta = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ThrowIfSealed();
        _counters[name] = checked(_counters.GetValueOrDefault(name) + delta);
        return this;
    }

    /// <summary>Adds each delta to its run counter.</summary>
    public RunCommit IncrementCounters(IEnumerable<KeyValuePair<string, long>> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        foreach (var (name, delta) in deltas)
        {
            IncrementCounter(name, delta);
        }

        return this;
    }

    /// <summary>Appends an entry to the run's Self-Instruct pool; its sequence must be new to the run.</summary>
    public RunCommit AppendPool(PoolEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(entry.Instruction);
        ArgumentNullException.ThrowIfNull(entry.MetadataJson);
        ThrowIfSealed();
        _pool.Add(entry);
        return this;
    }

    /// <summary>Adds entries to the dedup index of <paramref name="operatorName"/>; keys already present keep their first value.</summary>
    public RunCommit AddDedupEntries(string operatorName, IEnumerable<DedupEntry> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(operatorName);
        ArgumentNullException.ThrowIfNull(entries);
        ThrowIfSealed();
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry);
            ArgumentNullException.ThrowIfNull(entry.Key);
            _dedup.Add((operatorName, entry));
        }

        return this;
    }

    /// <summary>Sets (or replaces) one key of the opaque state of <paramref name="operatorName"/>.</summary>
    public RunCommit SetOperatorState(string operatorName, string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(operatorName);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ThrowIfSealed();
        _state[(operatorName, key)] = value;
        return this;
    }

    /// <summary>Records an element a stage gave up on.</summary>
    public RunCommit AddDeadLetter(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ThrowIfSealed();
        _deadLetters.Add(letter);
        return this;
    }

    /// <summary>Records several dead letters.</summary>
    public RunCommit AddDeadLetters(IEnumerable<DeadLetter> letters)
    {
        ArgumentNullException.ThrowIfNull(letters);
        foreach (var letter in letters)
        {
            AddDeadLetter(letter);
        }

        return this;
    }

    /// <summary>
    /// Writes the unit in one transaction. Transient failures are retried inside the store until
    /// <see cref="StoreSettings.RetryDeadline"/>; after a <see cref="StoreUnavailableException"/> calling this again
    /// is safe (the commit id makes it idempotent). Once it has succeeded, calling it again returns the same result.
    /// </summary>
    /// <exception cref="FencedOffException">A fence is stale, expired or released; nothing was written.</exception>
    /// <exception cref="StoreUnavailableException">The store stayed unreachable past the retry deadline.</exception>
    /// <exception cref="InvalidOperationException">
    /// The unit is inconsistent with the store (unknown run or shard, a part path or pool sequence already recorded);
    /// nothing was written.
    /// </exception>
    public async Task<CommitResult> CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_result is not null)
        {
            return _result;
        }

        _result = await _target.CommitAsync(this, cancellationToken).ConfigureAwait(false);
        return _result;
    }

    /// <summary>Discards the unit if it was not committed.</summary>
    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }

    private void ThrowIfSealed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_result is not null)
        {
            throw new InvalidOperationException($"Commit {Id} has been committed; begin a new one for more changes.");
        }
    }
}
