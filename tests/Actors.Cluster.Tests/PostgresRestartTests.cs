using Actors.Cluster.Tests.Infrastructure;

namespace Actors.Cluster.Tests;

/// <summary>
/// PostgreSQL restarted under a node that is committing: the node waits and carries on, and no commit is lost or
/// applied twice. Runs on a private server (it restarts it), started with tools/scripts/pg-start.sh whenever
/// PostgreSQL tests run at all.
/// </summary>
[RequiresEnvironment("PGTEST_CONN", "PostgreSQL tests are off; start a throwaway server with: eval \"$(tools/scripts/pg-start.sh)\"")]
public sealed class PostgresRestartTests
{
    [StoreFact]
    public async Task ServerRestart_DuringCommits_NodeCarriesOnExactlyOnce()
    {
        await using var server = await PrivatePostgres.StartAsync();
        var settings = new StoreSettings { Kind = StoreKind.Postgres, Connection = server.ConnectionString, RetryDeadline = TimeSpan.FromSeconds(60) };
        await using var store = await RunStoreFactory.OpenAsync(settings);
        var run = new RunId("restart");
        await store.CreateRunAsync(new RunDefinition(run, "test", "{}", "1"));
        await store.RegisterShardsAsync(run, [new ShardDefinition(new ShardId("s0"), "in", 1)]);
        var shard = new ShardId("s0");
        var restarted = false;
        var afterRestart = 0;

        var writer = Task.Run(async () =>
        {
            var i = 0;
            for (; afterRestart < 10; i++)
            {
                await store.BeginCommit(run).MarkRecordsDone(shard, OrdinalSet.Of(i)).IncrementCounter("rows")
                    .AddPart(new PartFile("out", $"out/{i}.parquet", 1, shard, OrdinalSet.Of(i))).CommitAsync();
                if (Volatile.Read(ref restarted))
                {
                    afterRestart++;
                }
            }

            return i;
        });
        while ((await store.GetCountersAsync(run)).GetValueOrDefault("rows") < 5)
        {
            await Task.Delay(10);
        }

        var startedBefore = await PostmasterStartAsync(server.ConnectionString);
        await server.RestartAsync();
        Volatile.Write(ref restarted, true);
        var commits = await writer;

        Assert.NotEqual(startedBefore, await PostmasterStartAsync(server.ConnectionString));
        Assert.Equal(commits, (await store.GetCountersAsync(run))["rows"]);
        Assert.Equal(OrdinalSet.FromRange(0, commits), await store.GetCommittedOrdinalsAsync(run, shard));
        Assert.Equal(commits, (await store.ListPartsAsync(run)).Count);
    }

    private static async Task<DateTime> PostmasterStartAsync(string connection)
    {
        await using var connectionToServer = new Npgsql.NpgsqlConnection(connection + ";Pooling=false");
        await connectionToServer.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT pg_postmaster_start_time()", connectionToServer);
        return (DateTime)(await command.ExecuteScalarAsync())!;
    }
}
