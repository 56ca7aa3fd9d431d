using Actors.Cluster;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Actors.Bench.Scenarios;

/// <summary>
/// Run store commit rate: commits per second of a typical unit of work (one part file, its 64 ordinals marked
/// done, three counters, 16 dedup entries) against the floor a database allows, a transaction that inserts one
/// row, on the same database with the same durability settings (SQLite: WAL + synchronous=FULL, so both pay
/// one fsync per commit). PostgreSQL too when --postgres CONN (or PGTEST_CONN) is given.
/// </summary>
internal static class StoreScenario
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(long commits, int repeats, string? postgres)
    {
        var results = new List<BenchResult>();
        var directory = Directory.CreateTempSubdirectory("actors-bench-store");
        try
        {
            var sqlite = new StoreSettings { Connection = Path.Combine(directory.FullName, "actors.db") };
            var floor = $"Data Source={Path.Combine(directory.FullName, "floor.db")}";
            await using (var store = await RunStoreFactory.OpenAsync(sqlite).ConfigureAwait(false))
            {
                await ExecuteSqliteAsync(floor, "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS floor (id INTEGER PRIMARY KEY, value TEXT)").ConfigureAwait(false);
                var rate = await Measure.MedianRatesAsync(commits, repeats, () => CommitUnitsAsync(store, commits), () => SqliteFloorAsync(floor, commits)).ConfigureAwait(false);
                results.Add(new("store", "sqlite_commits_per_s", rate.Value, rate.Baseline, "commits/s"));
            }

            postgres ??= Environment.GetEnvironmentVariable("PGTEST_CONN");
            if (!string.IsNullOrEmpty(postgres))
            {
                var schema = $"bench_{Guid.NewGuid():N}";
                var connection = new NpgsqlConnectionStringBuilder(postgres) { SearchPath = schema }.ConnectionString;
                await using var store = await RunStoreFactory.OpenAsync(new StoreSettings { Kind = StoreKind.Postgres, Connection = connection }).ConfigureAwait(false);
                await using var dataSource = NpgsqlDataSource.Create(connection);
                await using (var create = dataSource.CreateCommand("CREATE TABLE floor (id BIGSERIAL PRIMARY KEY, value TEXT)"))
                {
                    await create.ExecuteNonQueryAsync().ConfigureAwait(false);
                }

                try
                {
                    var rate = await Measure.MedianRatesAsync(commits, repeats, () => CommitUnitsAsync(store, commits), () => PostgresFloorAsync(dataSource, commits)).ConfigureAwait(false);
                    results.Add(new("store", "postgres_commits_per_s", rate.Value, rate.Baseline, "commits/s"));
                }
                finally
                {
                    await using var drop = dataSource.CreateCommand($"DROP SCHEMA \"{schema}\" CASCADE");
                    await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }

        return results;
    }

    private static async Task<long> CommitUnitsAsync(IRunStore store, long commits)
    {
        var run = new RunId($"bench-{Guid.NewGuid():N}");
        var shard = new ShardId("s0");
        await store.CreateRunAsync(new RunDefinition(run, "bench", "{}", "bench")).ConfigureAwait(false);
        await store.RegisterShardsAsync(run, [new ShardDefinition(shard, "in.jsonl", 1)]).ConfigureAwait(false);
        for (var i = 0; i < commits; i++)
        {
            var ordinals = OrdinalSet.FromRange(i * 64, (i + 1) * 64);
            await using var commit = store.BeginCommit(run);
            commit.AddPart(new PartFile("out", $"out/part-{i:D6}.parquet", 64, shard, ordinals) { SizeBytes = 123_456 })
                .MarkRecordsDone(shard, ordinals)
                .IncrementCounter("segments", 64).IncrementCounter("labeled", 60).IncrementCounter("dropped", 4)
                .AddDedupEntries("exact", Enumerable.Range(0, 16).Select(k => new DedupEntry($"{i}:{k}:0123456789abcdef", $"s0:{(i * 64) + k}")));
            await commit.CommitAsync().ConfigureAwait(false);
        }

        return commits;
    }

    private static async Task<long> SqliteFloorAsync(string connectionString, long commits)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA synchronous = FULL";
            await pragmas.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        for (var i = 0; i < commits; i++)
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO floor (value) VALUES ($v)";
            insert.Parameters.AddWithValue("$v", "x");
            await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
        }

        return commits;
    }

    private static async Task<long> PostgresFloorAsync(NpgsqlDataSource dataSource, long commits)
    {
        for (var i = 0; i < commits; i++)
        {
            await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            await using var insert = new NpgsqlCommand("INSERT INTO floor (value) VALUES (@v)", connection, transaction);
            insert.Parameters.AddWithValue("v", "x");
            await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
        }

        return commits;
    }

    private static async Task ExecuteSqliteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
