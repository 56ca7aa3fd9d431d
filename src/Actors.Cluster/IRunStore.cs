namespace Actors.Cluster;

/// <summary>
/// The durable memory of runs: their configuration, shards and per-record progress, committed part files, the
/// state of stateful operators (Self-Instruct pool, dedup indexes, counters), dead letters, the response cache, and
/// for a cluster the members, shard leases with fencing, singletons and node metrics.
/// Implementations: embedded SQLite (one node, no server) and PostgreSQL (a cluster); open one with
/// <see cref="RunStoreFactory.OpenAsync"/>. All members are thread-safe.
/// </summary>
/// <remarks>
/// <para>Times (lease expiry, heartbeats, created-at stamps) come from the database's clock, never the node's: the
/// PostgreSQL server's <c>clock_timestamp()</c>, or for SQLite the clock of the one machine that uses the file.</para>
/// <para>Every operation retries transient failures (connection lost, server restarting, SQLite busy) with backoff
/// until <see cref="StoreSettings.RetryDeadline"/> and then throws <see cref="StoreUnavailableException"/>.</para>
/// </remarks>
public interface IRunStore : IAsyncDisposable
{
    /// <summary>Which database this store uses.</summary>
    StoreKind Kind { get; }

    /// <summary>The schema version of the opened database (after migrations).</summary>
    int SchemaVersion { get; }

    /// <summary>The database clock now.</summary>
    Task<DateTimeOffset> GetTimeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers a run (job) idempotently: creates it, or reports that it exists with the same or another
    /// configuration, changing nothing.
    /// </summary>
    Task<RunRegistration> CreateRunAsync(RunDefinition run, CancellationToken cancellationToken = default);

    /// <summary>The run, or null when unknown.</summary>
    Task<RunRecord?> GetRunAsync(RunId run, CancellationToken cancellationToken = default);

    /// <summary>Every run, oldest first.</summary>
    Task<IReadOnlyList<RunRecord>> ListRunsAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets a run's lifecycle state.</summary>
    /// <exception cref="InvalidOperationException">The run is unknown.</exception>
    Task SetRunStateAsync(RunId run, RunState state, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers input shards with a run idempotently: a shard already registered is left as it is (and reported as
    /// a conflict when its path or size differ). Shards are offered to nodes in registration order.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run is unknown.</exception>
    Task<ShardRegistration> RegisterShardsAsync(RunId run, IReadOnlyList<ShardDefinition> shards, CancellationToken cancellationToken = default);

    /// <summary>Every shard of the run with its progress and current lease holder, in registration order.</summary>
    Task<IReadOnlyList<ShardProgress>> ListShardsAsync(RunId run, CancellationToken cancellationToken = default);

    /// <summary>The ordinals of <paramref name="shard"/> whose outputs are committed; resume skips exactly these.</summary>
    /// <exception cref="InvalidOperationException">The shard is not registered with the run.</exception>
    Task<OrdinalSet> GetCommittedOrdinalsAsync(RunId run, ShardId shard, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a unit of work for <paramref name="run"/>. Nothing is written until <see cref="RunCommit.CommitAsync"/>.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="fence">A lease that must still be held when the unit commits; null in embedded single-node mode.</param>
    /// <param name="id">The commit id; a new random one when null. Reuse an id only to retry the same unit.</param>
    RunCommit BeginCommit(RunId run, LeaseToken? fence = null, CommitId? id = null);

    /// <summary>
    /// Every committed part file of the run, in commit order. On resume, delete part files in the output directory
    /// that are not listed, and report listed ones that are missing (or whose size differs) as data loss.
    /// </summary>
    Task<IReadOnlyList<CommittedPart>> ListPartsAsync(RunId run, CancellationToken cancellationToken = default);

    /// <summary>The run's counters.</summary>
    Task<IReadOnlyDictionary<string, long>> GetCountersAsync(RunId run, CancellationToken cancellationToken = default);

    /// <summary>The run's Self-Instruct pool in sequence order, read page by page.</summary>
    IAsyncEnumerable<PoolEntry> ReadPoolAsync(RunId run, CancellationToken cancellationToken = default);

    /// <summary>The dedup index of one operator in insertion order, read page by page.</summary>
    IAsyncEnumerable<DedupEntry> ReadDedupEntriesAsync(RunId run, string operatorName, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="keys"/> the dedup index of <paramref name="operatorName"/> already holds.</summary>
    Task<IReadOnlySet<string>> FindDedupKeysAsync(RunId run, string operatorName, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>The opaque key/value state of one operator.</summary>
    Task<IReadOnlyDictionary<string, string>> GetOperatorStateAsync(RunId run, string operatorName, CancellationToken cancellationToken = default);

    /// <summary>The run's dead letters in commit order, read page by page.</summary>
    IAsyncEnumerable<DeadLetterRecord> ReadDeadLettersAsync(RunId run, CancellationToken cancellationToken = default);

    /// <summary>How many dead letters the run has.</summary>
    Task<long> CountDeadLettersAsync(RunId run, CancellationToken cancellationToken = default);

    /// <summary>The cached responses among <paramref name="keys"/>, by key; missing keys are absent.</summary>
    Task<IReadOnlyDictionary<string, CachedResponse>> GetCachedResponsesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Caches responses, outside any commit (caching is idempotent). A key already cached keeps its first response.
    /// </summary>
    Task PutCachedResponsesAsync(IReadOnlyCollection<CachedResponse> responses, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers (or re-registers) a node and marks it alive. A node registers once per process start, so leases
    /// still held under its id belong to a previous incarnation and are released here.
    /// </summary>
    Task RegisterNodeAsync(NodeId node, IReadOnlyList<string> roles, string devicesJson, CancellationToken cancellationToken = default);

    /// <summary>Records a heartbeat; false when the node is unknown or has left (register again).</summary>
    Task<bool> HeartbeatAsync(NodeId node, CancellationToken cancellationToken = default);

    /// <summary>Marks the node as left and releases every lease it holds, so others take its shards at once.</summary>
    Task LeaveAsync(NodeId node, CancellationToken cancellationToken = default);

    /// <summary>Every registered node with its liveness judged by the store's clock and <see cref="ClusterSettings.NodeTimeout"/>.</summary>
    Task<IReadOnlyList<NodeInfo>> ListNodesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes pending shards of <paramref name="run"/> that nobody holds or whose lease expired, in registration order,
    /// skipping shards another node is taking at the same moment. Each acquisition bumps the shard's fencing number.
    /// </summary>
    /// <remarks>
    /// Fair share: the node ends up holding at most <c>ceil(pending shards / live worker nodes)</c> shards of the run
    /// (a live worker is a node with the <c>worker</c> role whose heartbeat is within the node timeout; the caller
    /// counts as one even when not registered), and at most <paramref name="maxHeld"/> shard leases over all runs.
    /// Leases the node already holds are not returned again.
    /// </remarks>
    /// <param name="node">The acquiring node.</param>
    /// <param name="run">The run (job).</param>
    /// <param name="maxHeld">Most shard leases the node may hold after the call (<see cref="ClusterSettings.MaxShards"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The leases newly taken by this call; empty when there is nothing to take.</returns>
    Task<IReadOnlyList<ShardLease>> AcquireShardsAsync(NodeId node, RunId run, int maxHeld, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the singleton lease <paramref name="name"/> if it is free or expired (bumping its fence), or returns the
    /// token the node already holds; null when another node holds it.
    /// </summary>
    Task<LeaseToken?> AcquireSingletonAsync(string name, NodeId node, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends the lease to <see cref="ClusterSettings.LeaseTtl"/> from now (store clock). Call at half the TTL.
    /// False when the lease is lost (expired, released or taken over): stop work under it.
    /// </summary>
    /// <remarks>
    /// Transient failures are retried like every operation, so pass a token that cancels at the holder's own safe
    /// deadline (last successful renewal + TTL, minus a margin, on the local clock); a renewal that did not succeed
    /// by then means "maybe lost", and the holder must stop work before the lease can expire.
    /// </remarks>
    Task<bool> RenewAsync(LeaseToken lease, CancellationToken cancellationToken = default);

    /// <summary>Releases the lease so another node can take it at once; false when it was no longer held.</summary>
    Task<bool> ReleaseAsync(LeaseToken lease, CancellationToken cancellationToken = default);

    /// <summary>Stores a metrics snapshot of a node.</summary>
    Task RecordNodeMetricsAsync(NodeId node, string snapshotJson, CancellationToken cancellationToken = default);

    /// <summary>The latest metrics snapshot of every node that has one.</summary>
    Task<IReadOnlyList<NodeMetricsSnapshot>> GetLatestNodeMetricsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes metrics snapshots older than <paramref name="age"/> (store clock); returns how many.</summary>
    Task<long> PruneNodeMetricsAsync(TimeSpan age, CancellationToken cancellationToken = default);
}
