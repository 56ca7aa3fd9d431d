using System.Data.Common;

namespace Actors.Cluster.Sql;

/// <summary>
/// The run store over ADO.NET, shared by the SQLite and PostgreSQL stores: the statements are written once in the
/// SQL both understand (upserts, RETURNING, LIMIT); the dialects supply the clock expression, row locks,
/// connections and write transactions, transient-error detection and their schema migrations.
/// </summary>
/// <remarks>
/// Times are stored as milliseconds since the Unix epoch (UTC) and always taken from the database clock
/// (<see cref="Now"/>), so no node's clock takes part in lease expiry or liveness.
/// </remarks>
internal abstract partial class SqlRunStore : IRunStore, ICommitTarget
{
    private const int PageSize = 1000;
    private const int KeysPerStatement = 400;

    protected SqlRunStore(StoreSettings settings, ClusterSettings cluster, TimeProvider timeProvider)
    {
        Settings = settings;
        Cluster = cluster;
        Time = timeProvider;
    }

    /// <inheritdoc />
    public abstract StoreKind Kind { get; }

    /// <inheritdoc />
    public int SchemaVersion { get; private set; }

    protected StoreSettings Settings { get; }

    protected ClusterSettings Cluster { get; }

    protected TimeProvider Time { get; }

    /// <summary>SQL expression for the database clock in Unix milliseconds.</summary>
    protected abstract string Now { get; }

    /// <summary>Row-lock suffix for a SELECT that reads a row it will update (empty where writers are serialized).</summary>
    protected abstract string ForUpdate { get; }

    /// <summary>Row-lock suffix that keeps a read row from changing until commit (empty where writers are serialized).</summary>
    protected abstract string ForShare { get; }

    /// <summary>Lock suffix for the shard candidates of an acquisition (alias <c>s</c>): skip rows another node is taking.</summary>
    protected abstract string ForUpdateSkipLockedShards { get; }

    /// <summary>The schema steps of this dialect, in version order.</summary>
    protected abstract IReadOnlyList<Migration> Migrations { get; }

    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection and a write transaction (for SQLite: the one writer slot and BEGIN IMMEDIATE).</summary>
    protected abstract ValueTask<WriteScope> BeginWriteAsync(CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="exception"/> may go away by trying again (connection lost, server restarting, busy).</summary>
    protected abstract bool IsTransient(Exception exception);

    /// <summary>Called before a retry, for example to drop pooled connections a server restart has killed.</summary>
    protected virtual void OnTransientFailure()
    {
    }

    /// <summary>Takes whatever cross-process lock the dialect needs while migrating, inside the migration transaction.</summary>
    protected abstract Task PrepareMigrationAsync(WriteScope scope, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <summary>Creates or upgrades the schema; safe when several processes start at once.</summary>
    internal async Task MigrateAsync(CancellationToken cancellationToken)
    {
        SchemaVersion = await WriteAsync("migrate schema", async (scope, ct) =>
        {
            await PrepareMigrationAsync(scope, ct).ConfigureAwait(false);
            await scope.Sql("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)")
                .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            var current = await scope.Sql("SELECT COALESCE(MAX(version), 0) FROM schema_version").ScalarInt64Async(ct).ConfigureAwait(false);
            var latest = Migrations[^1].Version;
            if (current > latest)
            {
                throw new InvalidOperationException(
                    $"The {Kind} store has schema version {current}, newer than this build understands ({latest}). Upgrade actors on this node.");
            }

            foreach (var migration in Migrations.Where(m => m.Version > current))
            {
                foreach (var statement in migration.Statements)
                {
                    await scope.Sql(statement).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await scope.Sql($"INSERT INTO schema_version (version, description, applied_at) VALUES (@v, @d, {Now})")
                    .Int("v", migration.Version).Text("d", migration.Description).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return latest;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<DateTimeOffset> GetTimeAsync(CancellationToken cancellationToken = default) =>
        ReadAsync("read the clock", async (connection, ct) =>
            DateTimeOffset.FromUnixTimeMilliseconds(await connection.Sql(null, $"SELECT {Now}").ScalarInt64Async(ct).ConfigureAwait(false)),
            cancellationToken);

    /// <summary>Runs <paramref name="body"/>, retrying transient failures with backoff until the retry deadline.</summary>
    protected async Task<T> RetryAsync<T>(string operation, Func<CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        var started = Time.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(50);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await body(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                var elapsed = Time.GetElapsedTime(started);
                var left = Settings.RetryDeadline - elapsed;
                if (left <= TimeSpan.Zero)
                {
                    throw new StoreUnavailableException(
                        $"The {Kind} store failed to {operation} for {elapsed.TotalSeconds:0.#} s ({attempt} attempts); last error: {e.Message}. "
                        + "Check that the database is reachable; retrying later is safe.", e);
                }

                StoreInstruments.Retries.Add(1, new KeyValuePair<string, object?>("operation", operation));
                OnTransientFailure();
                var jittered = delay * (0.8 + (Random.Shared.NextDouble() * 0.4));
                await Task.Delay(jittered < left ? jittered : left, Time, cancellationToken).ConfigureAwait(false);
                delay = delay * 2 < TimeSpan.FromSeconds(2) ? delay * 2 : TimeSpan.FromSeconds(2);
            }
        }
    }

    /// <summary>One read on its own connection, retried as a whole.</summary>
    protected Task<T> ReadAsync<T>(string operation, Func<DbConnection, CancellationToken, Task<T>> body, CancellationToken cancellationToken) =>
        RetryAsync(operation, async ct =>
        {
            var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await body(connection, ct).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>
    /// One write transaction, retried as a whole on transient failures. COMMIT itself is not cancellable, so a
    /// cancelled caller never leaves the outcome of a commit unknown on its side.
    /// </summary>
    protected Task<T> WriteAsync<T>(string operation, Func<WriteScope, CancellationToken, Task<T>> body, CancellationToken cancellationToken) =>
        RetryAsync(operation, async ct =>
        {
            var scope = await BeginWriteAsync(ct).ConfigureAwait(false);
            await using (scope.ConfigureAwait(false))
            {
                var result = await body(scope, ct).ConfigureAwait(false);
                await scope.Transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return result;
            }
        }, cancellationToken);

    /// <summary>Reads a keyed table page by page, each page its own retried read.</summary>
    protected async IAsyncEnumerable<T> PagesAsync<T>(
        string operation,
        Func<DbConnection, long, int, CancellationToken, Task<List<(long Key, T Item)>>> page,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = long.MinValue;
        while (true)
        {
            var rows = await ReadAsync(operation, (connection, ct) => page(connection, after, PageSize, ct), cancellationToken).ConfigureAwait(false);
            foreach (var (key, item) in rows)
            {
                yield return item;
                after = key;
            }

            if (rows.Count < PageSize)
            {
                yield break;
            }
        }
    }

    /// <summary><c>@p0, @p1, ...</c> for an IN list, with the values bound to <paramref name="command"/>.</summary>
    protected static string BindList(DbCommand command, string prefix, IReadOnlyList<string> values)
    {
        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = $"@{prefix}{i}";
            command.Text($"{prefix}{i}", values[i]);
        }

        return string.Join(", ", names);
    }

    protected static IEnumerable<string[]> Chunks(IEnumerable<string> keys) => keys.Distinct(StringComparer.Ordinal).Chunk(KeysPerStatement);

    protected static string EncodeRunState(RunState state) => state switch
    {
        RunState.Active => "active",
        RunState.Completed => "completed",
        RunState.Failed => "failed",
        RunState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown run state"),
    };

    protected static RunState DecodeRunState(string text) => text switch
    {
        "active" => RunState.Active,
        "completed" => RunState.Completed,
        "failed" => RunState.Failed,
        "cancelled" => RunState.Cancelled,
        _ => throw new InvalidOperationException($"The store holds an unknown run state \"{text}\"."),
    };

    protected static ShardState DecodeShardState(string text) => text switch
    {
        "pending" => ShardState.Pending,
        "done" => ShardState.Done,
        "failed" => ShardState.Failed,
        _ => throw new InvalidOperationException($"The store holds an unknown shard state \"{text}\"."),
    };

    protected static PoolEntryKind DecodePoolKind(string text) => text switch
    {
        "seed" => PoolEntryKind.Seed,
        "generated" => PoolEntryKind.Generated,
        _ => throw new InvalidOperationException($"The store holds an unknown pool entry kind \"{text}\"."),
    };

    protected static string EncodePoolKind(PoolEntryKind kind) => kind switch
    {
        PoolEntryKind.Seed => "seed",
        PoolEntryKind.Generated => "generated",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown pool entry kind"),
    };

    protected static long Milliseconds(TimeSpan span) => (long)Math.Ceiling(span.TotalMilliseconds);
}
