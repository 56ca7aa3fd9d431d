using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using Actors.Cluster.Sql;
using Npgsql;

namespace Actors.Cluster.Postgres;

/// <summary>
/// The cluster run store on PostgreSQL. Transactions are READ COMMITTED with explicit row locks: shard candidates
/// are taken with <c>FOR UPDATE ... SKIP LOCKED</c> (two nodes never take the same shard and never wait on each
/// other), fences are checked with <c>FOR SHARE</c> (a takeover waits for an in-flight commit), and every time is
/// the server's <c>clock_timestamp()</c>.
/// </summary>
/// <remarks>
/// The connection string's <c>Search Path</c> selects the schema; its first entry is created if missing, so each
/// job, test or tenant can live in its own schema. Migrations run under a transaction-scoped advisory lock keyed by
/// that schema, so nodes starting together migrate once.
/// </remarks>
internal sealed class PostgresRunStore : SqlRunStore
{
    private static readonly HashSet<string> s_transientStates = new(StringComparer.Ordinal)
    {
        "57P01", // admin_shutdown: the server is restarting
        "57P02", // crash_shutdown
        "57P03", // cannot_connect_now: the server is starting
        "40001", // serialization_failure
        "40P01", // deadlock_detected
        "53300", // too_many_connections
        "55P03", // lock_not_available
    };

    private readonly NpgsqlDataSource _dataSource;
    private readonly string? _schema;

    private PostgresRunStore(NpgsqlDataSource dataSource, string? schema, StoreSettings settings, ClusterSettings cluster, TimeProvider timeProvider)
        : base(settings, cluster, timeProvider)
    {
        _dataSource = dataSource;
        _schema = schema;
    }

    /// <inheritdoc />
    public override StoreKind Kind => StoreKind.Postgres;

    protected override string Now => "(CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT))";

    protected override string ForUpdate => " FOR UPDATE";

    protected override string ForShare => " FOR SHARE";

    protected override string ForUpdateSkipLockedShards => " FOR UPDATE OF s SKIP LOCKED";

    protected override IReadOnlyList<Migration> Migrations => SchemaSteps.ForPostgres;

    public static async Task<PostgresRunStore> OpenAsync(string connectionString, StoreSettings settings, ClusterSettings cluster, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"actors.store.connection is not a valid Npgsql connection string: {e.Message}", nameof(connectionString), e);
        }

        var schema = SchemaOf(builder.SearchPath);

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "actors";
        }

        var store = new PostgresRunStore(NpgsqlDataSource.Create(builder), schema, settings, cluster, timeProvider);
        try
        {
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
    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>The schema objects are created in: the first entry of the search path, folded as PostgreSQL folds it.</summary>
    internal static string? SchemaOf(string? searchPath)
    {
        var first = searchPath?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (string.IsNullOrEmpty(first) || first.StartsWith('$'))
        {
            return null;
        }

        return first.Length > 1 && first.StartsWith('"') && first.EndsWith('"')
            ? first[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
            : first.ToLowerInvariant();
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async ValueTask<WriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            return new WriteScope(connection, transaction, release: null);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient || s_transientStates.Contains(postgres.SqlState) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or SocketException or TimeoutException,
        _ => false,
    };

    /// <summary>A restart or reset kills idle pooled connections too; drop them so the retry opens live ones.</summary>
    protected override void OnTransientFailure() => _dataSource.Clear();

    protected override async Task PrepareMigrationAsync(WriteScope scope, CancellationToken cancellationToken)
    {
        // Nodes starting at once queue here; the first creates the schema, the others find it done.
        await scope.Sql("SELECT pg_advisory_xact_lock(hashtext(@key))").Text("key", "actors-migrate:" + (_schema ?? "public"))
            .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (_schema is not null)
        {
            await scope.Sql($"CREATE SCHEMA IF NOT EXISTS \"{_schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")
                .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
