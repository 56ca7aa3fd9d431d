using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Actors.Cluster;
using Npgsql;
using Xunit.Abstractions;
using static Actors.EndToEnd.Tests.RunOutputs;

namespace Actors.EndToEnd.Tests;

/// <summary>
/// PostgreSQL stopped and started again under three real node processes that are working on a job: the nodes
/// wait, none exits or gives a shard up, commits go on after the restart, and the job's outputs and record
/// counters equal a single-node run. The server is a private one started with tools/scripts/pg-start.sh (the
/// same options as the shared one), because stopping the shared server would break the PostgreSQL tests of
/// other classes and projects that run at the same time; the test runs whenever PostgreSQL tests run
/// (PGTEST_CONN set).
/// </summary>
public sealed partial class ClusterPostgresRestartTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>How long the server stays down: longer than a heartbeat, far shorter than any give-up deadline.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);

    private readonly string _root = Directory.CreateTempSubdirectory("actors-pg-restart-").FullName;
    private readonly List<ActorsProcess> _nodes = [];
    private string? _serverDirectory;

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Kill();
            node.Dispose();
        }

        if (_serverDirectory is not null)
        {
            // Stops the private server whatever state the test left it in, and removes its directory.
            Run("bash", [Path.Combine(RepositoryRoot(), "tools", "scripts", "pg-stop.sh"), _serverDirectory], check: false);
        }

        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Nodes_wait_while_PostgreSQL_restarts_and_finish_the_job_exactly_once()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PGTEST_CONN")) || !Directory.Exists("/usr/lib/postgresql"))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI=true but PGTEST_CONN is not set or the PostgreSQL server binaries (/usr/lib/postgresql/*/bin) are missing; ./test.sh starts PostgreSQL when it is installed.");
            output.WriteLine("PGTEST_CONN not set or no PostgreSQL server binaries: PostgreSQL restart test not run.");
            return;
        }

        output.WriteLine($"{Now()} starting a private PostgreSQL");
        var started = Run("bash", [Path.Combine(RepositoryRoot(), "tools", "scripts", "pg-start.sh")]);
        _serverDirectory = DirectoryPattern().Match(started).Groups[1].Value;
        var baseConnection = ConnectionPattern().Match(started).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(_serverDirectory) || string.IsNullOrEmpty(baseConnection), $"pg-start.sh printed no server: {started}");
        var connection = $"{baseConnection};Search Path=restart";

        var corpus = Path.Combine(_root, "corpus");
        SyntheticCorpus.Write(corpus, shards: 6, documents: 150, seed: 23);
        var config = Path.Combine(_root, "cluster.conf");

        // Why these numbers, for an outage of 4 s plus the time pg_ctl takes to stop and start (about 1 s) plus the
        // store's retry backoff (capped at 2 s), so about 7 s without a store:
        // - retry-deadline 30 s: every store call of a node (heartbeat, poll, commit, renewal) keeps retrying through
        //   the outage instead of failing with StoreUnavailableException.
        // - lease-ttl 20 s: a lease is renewed every 10 s and work stops if a renewal has not succeeded 18 s after the
        //   last one; a renewal that starts as the server goes down still has 8 s, more than the outage, so no node
        //   gives its shard up (it would still be correct, but then this test would not show the nodes carrying on).
        // - heartbeat-interval 1 s: shorter than the outage, so every node's heartbeat meets the stopped server.
        // - node-timeout 15 s: a node whose heartbeat waited through the outage is never counted as dead.
        // - max-shards 1 and small commit batches: the job is spread over all three nodes and commits many times, so
        //   commits are in flight when the server stops and go on after it is back.
        // - metrics port 0: each node serves its own endpoint, read below for the store's retry counter.
        File.WriteAllText(config, """
            actors.backtranslation { commit-batch = 4, parallelism = 8, commit-interval = 50ms }
            actors.cluster { lease-ttl = 20s, heartbeat-interval = 1s, node-timeout = 15s, max-shards = 1 }
            actors.store { retry-deadline = 30s }
            actors.metrics { port = 0 }
            """);

        var reference = Path.Combine(_root, "reference");
        using (var single = await ActorsProcess.RunAsync(Limit, null, "run", "backtranslation", "--corpus", corpus, "--out", reference, "--config", config))
        {
            Assert.True(single.ExitCode == 0, single.Stderr);
        }

        output.WriteLine($"{Now()} single-node reference done");

        var shared = Path.Combine(_root, "shared");
        using (var feed = await ActorsProcess.RunAsync(Limit, null, "feed", "--store", connection, "--job", "job-1", "--corpus", corpus, "--out", shared, "--config", config))
        {
            Assert.True(feed.ExitCode == 0, feed.Stderr);
        }

        // The test's own view of the store, with the same patience as the nodes.
        var watcherSettings = new StoreSettings { Kind = StoreKind.Postgres, Connection = connection, RetryDeadline = TimeSpan.FromSeconds(30) };
        await using var watcher = await RunStoreFactory.OpenAsync(watcherSettings);
        var run = new RunId("job-1");
        var succeeded = false;
        try
        {
            for (int i = 1; i <= 3; i++)
            {
                _nodes.Add(ActorsProcess.Start(null, "node", "start", "--store", connection, "--config", config, "--name", $"node-{i}"));
            }

            // Stop the server once every node has joined (so each one heartbeats, polls and counts its store retries
            // through the outage) and the first records are committed, while shards are still pending.
            IReadOnlyList<ShardProgress> atStop = [];
            await WaitForAsync(
                async () => _nodes.All(n => n.Stderr.Contains(": joined", StringComparison.Ordinal))
                    && (atStop = await watcher.ListShardsAsync(run)).Any(s => s.CommittedRecords > 0),
                "every node to join and the first commit");
            var optionsBefore = File.ReadAllText(Path.Combine(_serverDirectory, "data", "postmaster.opts"));
            var startBefore = await PostmasterStartAsync(baseConnection);
            PgCtl("-m", "fast", "-w", "stop");
            output.WriteLine($"{Now()} PostgreSQL stopped; shards then: {string.Join(", ", atStop.Select(s => $"{Path.GetFileName(s.Id.Value)}={s.State}/{s.CommittedRecords} records"))}");
            Assert.Contains(atStop, s => s.State == ShardState.Pending);

            await Task.Delay(Outage);
            AssertNoNodeExited();

            // pg_ctl restart on a stopped server starts it with the options recorded in postmaster.opts, which are
            // exactly those pg-start.sh gave (port, socket directory, -c settings); checked below.
            PgCtl("-l", Path.Combine(_serverDirectory, "server.log"), "-w", "-t", "60", "restart");
            var restartedAt = await PostmasterStartAsync(baseConnection);
            output.WriteLine($"{Now()} PostgreSQL started again (postmaster start {restartedAt:HH:mm:ss.fff} UTC)");
            Assert.True(restartedAt > startBefore, "the server was not restarted");
            Assert.Equal(optionsBefore, File.ReadAllText(Path.Combine(_serverDirectory, "data", "postmaster.opts")));

            var summaryFile = Path.Combine(shared, "summary.json");
            await WaitForAsync(() => Task.FromResult(File.Exists(summaryFile)), "the job to finish");
            Assert.Equal("completed", Status(shared));

            foreach (var dataset in new[] { "candidates", "scored", "train" })
            {
                Assert.Equal(await CanonicalRowsAsync(Path.Combine(reference, dataset)), await CanonicalRowsAsync(Path.Combine(shared, dataset)));
            }

            static Dictionary<string, long> RecordCounters(string dir) =>
                Counters(dir).Where(kv => !kv.Key.StartsWith("shards.", StringComparison.Ordinal)).ToDictionary();
            Assert.Equal(RecordCounters(reference), RecordCounters(shared));

            // The restart fell in the middle of the job: records were committed before it (a commit may carry no part
            // file, when its records yield no rows), and most of the job, part files included, after it.
            var committedAtStop = atStop.Sum(s => s.CommittedRecords);
            var committedAtEnd = (await watcher.ListShardsAsync(run)).Sum(s => s.CommittedRecords);
            output.WriteLine($"records committed: {committedAtStop} before the stop, {committedAtEnd} in all");
            Assert.InRange(committedAtStop, 1, committedAtEnd - 1);
            Assert.Contains(await watcher.ListPartsAsync(run), p => p.CommittedAt > restartedAt);

            // No node exited, and none gave a shard up or saw a store call fail: the store retried under them
            // (nothing is logged for a retry that succeeds, so its counter on each node's metrics endpoint shows it).
            AssertNoNodeExited();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            for (int i = 0; i < _nodes.Count; i++)
            {
                var log = _nodes[i].Stderr;
                foreach (var givingUp in new[] { "store unavailable", "not renewed in time", "lease lost", "work failed", "stopped because" })
                {
                    Assert.False(log.Contains(givingUp, StringComparison.Ordinal), $"node-{i + 1} logged \"{givingUp}\"");
                }

                var endpoint = MetricsPattern().Match(log);
                Assert.True(endpoint.Success, $"node-{i + 1} printed no metrics endpoint");
                var retries = StoreRetries(await http.GetStringAsync(new Uri(endpoint.Groups[1].Value)));
                output.WriteLine($"node-{i + 1}: {retries} store retries");
                Assert.True(retries > 0, $"node-{i + 1} retried no store call although the server was down for {Outage.TotalSeconds} s");
            }

            succeeded = true;
        }
        finally
        {
            if (PgCtl(check: false, "status") != 0)
            {
                // Failed while the server was down: start it again so the store and the nodes can be shut down.
                PgCtl(check: false, "-l", Path.Combine(_serverDirectory, "server.log"), "-w", "-t", "60", "restart");
            }

            for (int i = 0; i < _nodes.Count; i++)
            {
                output.WriteLine($"--- node-{i + 1} (exited: {_nodes[i].HasExited}) stderr:\n{_nodes[i].Stderr}");
                if (!succeeded)
                {
                    output.WriteLine($"--- node-{i + 1} stdout:\n{_nodes[i].Stdout}");
                }
            }

            if (!succeeded && File.Exists(Path.Combine(shared, "summary.json")))
            {
                output.WriteLine($"--- summary.json:\n{File.ReadAllText(Path.Combine(shared, "summary.json"))}");
            }
        }
    }

    private void AssertNoNodeExited()
    {
        for (int i = 0; i < _nodes.Count; i++)
        {
            Assert.False(_nodes[i].HasExited, $"node-{i + 1} exited (code {(_nodes[i].HasExited ? _nodes[i].ExitCode : 0)}); its log is below");
        }
    }

    /// <summary>The sum of <c>actors_store_retries_total</c> over its series in Prometheus text.</summary>
    private static double StoreRetries(string metrics) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith("actors_store_retries_total", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static async Task<DateTimeOffset> PostmasterStartAsync(string connection)
    {
        await using var server = new NpgsqlConnection(connection + ";Pooling=false");
        await server.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_postmaster_start_time()", server);
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync())!).ToUniversalTime();
    }

    private static string Now() => DateTimeOffset.Now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private void PgCtl(params string[] arguments) => PgCtl(check: true, arguments);

    private int PgCtl(bool check, params string[] arguments)
    {
        var pgCtl = Path.Combine(Directory.GetDirectories("/usr/lib/postgresql").Order(StringComparer.Ordinal).Last(), "bin", "pg_ctl");
        string[] all = [pgCtl, "-D", Path.Combine(_serverDirectory!, "data"), .. arguments];
        return Environment.UserName == "root"
            ? RunForExitCode("runuser", ["-u", "postgres", "--", .. all], check)
            : RunForExitCode(all[0], all[1..], check);
    }

    private static string Run(string file, string[] arguments, bool check = true) => RunProcess(file, arguments, check).Stdout;

    private static int RunForExitCode(string file, string[] arguments, bool check) => RunProcess(file, arguments, check).ExitCode;

    private static (int ExitCode, string Stdout) RunProcess(string file, string[] arguments, bool check)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (check)
        {
            Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}");
        }

        return (process.ExitCode, stdout);
    }

    private async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            AssertNoNodeExited();
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"PGTEST_DIR=(\S+)")]
    private static partial Regex DirectoryPattern();

    [GeneratedRegex(@"PGTEST_CONN='([^']+)'")]
    private static partial Regex ConnectionPattern();

    [GeneratedRegex(@"metrics: (http://\S+)")]
    private static partial Regex MetricsPattern();
}
