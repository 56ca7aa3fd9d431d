using Actors.Cluster.Tests.Contract;
using Actors.Cluster.Tests.Infrastructure;
using Npgsql;

namespace Actors.Cluster.Tests;

/// <summary>
/// The contract on PostgreSQL (PGTEST_CONN, for example from tools/scripts/pg-start.sh), each store location a fresh
/// schema that is dropped afterwards; plus what only a server has: connections that die under the store.
/// </summary>
[RequiresEnvironment("PGTEST_CONN", "start a throwaway server with: eval \"$(tools/scripts/pg-start.sh)\"")]
public sealed class PostgresRunStoreTests : RunStoreContract
{
    private readonly List<string> _schemas = [];

    private static string Connection => Environment.GetEnvironmentVariable("PGTEST_CONN") ?? "";

    protected override StoreSettings NewLocation()
    {
        var schema = $"t_{Guid.NewGuid():N}";
        lock (_schemas)
        {
            _schemas.Add(schema);
        }

        var builder = new NpgsqlConnectionStringBuilder(Connection) { SearchPath = schema, ApplicationName = schema };
        return new StoreSettings { Kind = StoreKind.Postgres, Connection = builder.ConnectionString, RetryDeadline = TimeSpan.FromSeconds(30) };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_schemas.Count == 0 || Connection.Length == 0)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        foreach (var schema in _schemas)
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// While a node commits, the server kills its connections again and again (what a restart or a network reset
    /// does to it). Every commit still lands exactly once: the store retries, and a commit whose acknowledgement was
    /// lost is recognised by its id.
    /// </summary>
    [StoreFact]
    public async Task Commits_SurviveKilledConnections_ExactlyOnce()
    {
        var location = NewLocation();
        var store = await OpenAsync(location);
        var run = await NewRunAsync(store, shards: 1);
        var application = new NpgsqlConnectionStringBuilder(location.Connection).ApplicationName!;
        await store.BeginCommit(run).IncrementCounter("warm-up").CommitAsync(); // compile the commit path before the kills start
        using var stop = new CancellationTokenSource();
        var kills = 0;
        var killer = Task.Run(async () =>
        {
            await using var admin = new NpgsqlConnection(Connection);
            await admin.OpenAsync();
            while (!stop.IsCancellationRequested)
            {
                await using var kill = new NpgsqlCommand(
                    "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @app AND pid <> pg_backend_pid()", admin);
                kill.Parameters.AddWithValue("app", application);
                Interlocked.Add(ref kills, Convert.ToInt32(await kill.ExecuteScalarAsync()));
                await Task.Delay(50 + Random.Shared.Next(50)); // a commit takes a few ms: some die half-way, most get through
            }
        });

        // At least 20 commits, and on until the server has killed the store's connections 6 times.
        var commits = 0;
        for (; commits < 20 || Volatile.Read(ref kills) < 6; commits++)
        {
            await store.BeginCommit(run)
                .AddPart(new PartFile("out", $"out/part-{commits}.parquet", 1, Shard(0), OrdinalSet.Of(commits)))
                .MarkRecordsDone(Shard(0), OrdinalSet.Of(commits))
                .IncrementCounter("rows")
                .CommitAsync();
        }

        await stop.CancelAsync();
        await killer;

        Assert.Equal(commits, (await store.GetCountersAsync(run))["rows"]);
        Assert.Equal(OrdinalSet.FromRange(0, commits), await store.GetCommittedOrdinalsAsync(run, Shard(0)));
        Assert.Equal(commits, (await store.ListPartsAsync(run)).Count);
    }

    [StoreFact]
    public async Task Open_UnreachableServer_FailsWithStoreUnavailableAfterTheDeadline()
    {
        var builder = new NpgsqlConnectionStringBuilder(Connection) { Port = 1, Timeout = 1 };
        var settings = new StoreSettings { Kind = StoreKind.Postgres, Connection = builder.ConnectionString, RetryDeadline = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => RunStoreFactory.OpenAsync(settings));

        Assert.Contains("migrate schema", error.Message, StringComparison.Ordinal);
    }
}
