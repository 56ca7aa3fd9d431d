using System.Data.Common;
using Actors.Cluster.Sql;
using Microsoft.Data.Sqlite;

namespace Actors.Cluster.Sqlite;

/// <summary>
/// The embedded run store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a commit that returned
/// survives SIGKILL and power loss. One writer at a time: in this process a semaphore, across processes
/// <c>BEGIN IMMEDIATE</c> with a busy timeout. Readers run beside the writer (WAL).
/// </summary>
/// <remarks>
/// Leases and membership work here too, with the clock of the machine that holds the file; that is exact for one
/// node and for several processes on one machine sharing the file.
/// </remarks>
internal sealed class SqliteRunStore : SqlRunStore
{
    private readonly string _connectionString;
    private readonly string _pragmas;

    // Invariant: held from BEGIN IMMEDIATE until the write transaction is committed or rolled back, so writers of
    // this process never contend inside SQLite (no SQLITE_BUSY between them, no busy-wait).
    private readonly SemaphoreSlim _writer = new(1, 1);

    private SqliteRunStore(string path, StoreSettings settings, ClusterSettings cluster, TimeProvider timeProvider)
        : base(settings, cluster, timeProvider)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(settings.BusyTimeout.TotalSeconds)),
        }.ToString();
        _pragmas = $"PRAGMA busy_timeout = {Milliseconds(settings.BusyTimeout)}; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override StoreKind Kind => StoreKind.Sqlite;

    protected override string Now => "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";

    protected override string ForUpdate => "";

    protected override string ForShare => "";

    protected override string ForUpdateSkipLockedShards => "";

    protected override IReadOnlyList<Migration> Migrations => SchemaSteps.ForSqlite;

    public static async Task<SqliteRunStore> OpenAsync(string path, StoreSettings settings, ClusterSettings cluster, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var store = new SqliteRunStore(path, settings, cluster, timeProvider);
        try
        {
            await store.EnableWalAsync(cancellationToken).ConfigureAwait(false);
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            // Close pooled handles so the file (and its -wal/-shm) can be moved or deleted after the store is gone.
            SqliteConnection.ClearPool(connection);
        }

        _writer.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The value of <paramref name="pragma"/> on a connection as the store opens it (for tests and diagnostics).</summary>
    internal async Task<long> ReadPragmaAsync(string pragma, CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.Sql(null, $"PRAGMA {pragma}").ScalarInt64Async(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.Sql(null, _pragmas).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override async ValueTask<WriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        var release = new WriterRelease(_writer);
        try
        {
            var connection = (SqliteConnection)await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Not deferred: BEGIN IMMEDIATE takes the write lock up front, so the transaction never fails half-way
                // on a lock upgrade.
                return new WriteScope(connection, connection.BeginTransaction(deferred: false), release);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            release.Dispose();
            throw;
        }
    }

    protected override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED: another process writes.

    protected override Task PrepareMigrationAsync(WriteScope scope, CancellationToken cancellationToken) =>
        Task.CompletedTask; // BEGIN IMMEDIATE already excludes every other writer, in any process.

    private Task EnableWalAsync(CancellationToken cancellationToken) =>
        RetryAsync("enable WAL", async ct =>
        {
            var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var mode = (string?)await connection.Sql(null, "PRAGMA journal_mode = WAL").ExecuteScalarAsync(ct).ConfigureAwait(false);
                return string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase)
                    ? true
                    : throw new InvalidOperationException($"SQLite refused WAL mode for {Path} (journal mode is {mode}); the store needs a local file system.");
            }
        }, cancellationToken);

    /// <summary>Releases the writer slot once.</summary>
    private sealed class WriterRelease(SemaphoreSlim writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writer.Release();
            }
        }
    }
}
