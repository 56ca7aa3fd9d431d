using System.Text.Json.Nodes;
using Actors.FakeLlm;
using Actors.Pipelines.Runs;
using Actors.Pipelines.SelfInstruct;
using Xunit.Abstractions;
using static Actors.EndToEnd.Tests.RunOutputs;

namespace Actors.EndToEnd.Tests;

/// <summary>
/// Real node processes on a real PostgreSQL (PGTEST_CONN, started by ./test.sh and .ci/run): three nodes finish
/// a job exactly once; a node killed with SIGKILL has its shards finished elsewhere; a node frozen with SIGSTOP
/// past its lease commits nothing after it is resumed. Outputs are compared with a single-node run.
/// </summary>
public sealed class ClusterTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly string _root = Directory.CreateTempSubdirectory("actors-cluster-").FullName;
    private readonly List<ActorsProcess> _nodes = [];

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Kill();
            node.Dispose();
        }

        Directory.Delete(_root, recursive: true);
    }

    /// <summary>A connection to a fresh schema, or null (said in the output) when PostgreSQL is not available outside CI.</summary>
    private string? NewSchemaConnection()
    {
        var connection = Connection($"cluster_{Guid.NewGuid():N}"[..24]);
        if (connection is null)
        {
            output.WriteLine("PGTEST_CONN not set: PostgreSQL cluster test not run (./test.sh sets it when PostgreSQL is installed).");
        }

        return connection;
    }

    private static string? Connection(string schema)
    {
        var baseConnection = Environment.GetEnvironmentVariable("PGTEST_CONN");
        if (string.IsNullOrEmpty(baseConnection))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI=true but PGTEST_CONN is not set; ./test.sh starts PostgreSQL when it is installed.");
            return null;
        }

        return $"{baseConnection};Search Path={schema}";
    }

    [Fact]
    public async Task Three_nodes_finish_a_job_exactly_once_even_when_one_is_killed_and_one_is_frozen()
    {
        if (NewSchemaConnection() is not { } connection)
        {
            return;
        }

        var corpus = Path.Combine(_root, "corpus");
        SyntheticCorpus.Write(corpus, shards: 6, documents: 150, seed: 11);
        var config = Path.Combine(_root, "cluster.conf");
        File.WriteAllText(config, """
            actors.backtranslation { commit-batch = 4, parallelism = 8, commit-interval = 50ms }
            actors.cluster { lease-ttl = 4s, heartbeat-interval = 1s, node-timeout = 3s, max-shards = 1 }
            """);

        // The single-node reference.
        var reference = Path.Combine(_root, "reference");
        using (var single = await ActorsProcess.RunAsync(Limit, null, "run", "backtranslation", "--corpus", corpus, "--out", reference, "--config", config))
        {
            Assert.True(single.ExitCode == 0, single.Stderr);
        }

        var shared = Path.Combine(_root, "shared");
        using (var feed = await ActorsProcess.RunAsync(Limit, null, "feed", "--store", connection, "--job", "job-1", "--corpus", corpus, "--out", shared, "--config", config))
        {
            Assert.True(feed.ExitCode == 0, feed.Stderr);
        }

        // Feeding the same shards again changes nothing.
        using (var again = await ActorsProcess.RunAsync(Limit, null, "feed", "--store", connection, "--job", "job-1", "--corpus", corpus, "--out", shared, "--config", config))
        {
            Assert.True(again.ExitCode == 0, again.Stderr);
            Assert.Contains("6 shard(s) registered", again.Stdout, StringComparison.Ordinal);
        }

        for (int i = 1; i <= 3; i++)
        {
            _nodes.Add(ActorsProcess.Start(null, "node", "start", "--store", connection, "--config", config, "--name", $"node-{i}"));
        }

        // Node 1 is frozen as soon as it holds a shard, node 2 killed as soon as it holds one.
        await WaitForAsync(() => _nodes[0].Stderr.Contains("took", StringComparison.Ordinal) && _nodes[1].Stderr.Contains("took", StringComparison.Ordinal), "nodes 1 and 2 to take shards");
        Signal(_nodes[0], "STOP");
        _nodes[1].Kill();
        output.WriteLine("node-1 frozen (SIGSTOP), node-2 killed (SIGKILL)");

        // Past the TTL node 3 takes their shards over; then node 1 wakes up and must not commit.
        await Task.Delay(TimeSpan.FromSeconds(6));
        Signal(_nodes[0], "CONT");

        var summaryFile = Path.Combine(shared, "summary.json");
        await WaitForAsync(() => File.Exists(summaryFile), "the job to finish", summaryFile);
        for (int i = 0; i < _nodes.Count; i++)
        {
            output.WriteLine($"--- node-{i + 1}:\n{_nodes[i].Stderr}");
        }

        Assert.Equal("completed", JsonNode.Parse(File.ReadAllText(summaryFile))!["status"]!.GetValue<string>());

        foreach (var dataset in new[] { "candidates", "scored", "train" })
        {
            Assert.Equal(await CanonicalRowsAsync(Path.Combine(reference, dataset)), await CanonicalRowsAsync(Path.Combine(shared, dataset)));
        }

        // Only the cluster counts shard-level events (failed takeovers); the records' counters must be equal.
        static Dictionary<string, long> RecordCounters(string dir) =>
            Counters(dir).Where(kv => !kv.Key.StartsWith("shards.", StringComparison.Ordinal)).ToDictionary();
        Assert.Equal(RecordCounters(reference), RecordCounters(shared));
        Assert.Contains("took", _nodes[2].Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Self_instruct_on_three_nodes_equals_a_single_node_run_even_when_the_gate_owner_is_killed()
    {
        if (NewSchemaConnection() is not { } connection)
        {
            return;
        }

        var seeds = Path.Combine(RepositoryRoot(), "samples/self-instruct/seed_tasks.jsonl");
        var config = Path.Combine(_root, "si-cluster.conf");
        File.WriteAllText(config, """
            actors.self-instruct { commit-batch = 4, commit-interval = 50ms, in-flight-prompts = 8, parallelism = 4,
              cluster { prompts-per-shard = 4, instructions-per-shard = 16, poll-interval = 20ms } }
            actors.cluster { lease-ttl = 4s, heartbeat-interval = 1s, node-timeout = 3s, max-shards = 2 }
            """);
        const string Target = "400";

        var reference = Path.Combine(_root, "si-reference");
        using (var single = await ActorsProcess.RunAsync(Limit, null, "run", "self-instruct", "--seeds", seeds, "--target", Target, "--out", reference, "--config", config))
        {
            Assert.True(single.ExitCode == 0, single.Stderr);
        }

        var shared = Path.Combine(_root, "si-shared");
        using (var feed = await ActorsProcess.RunAsync(Limit, null, "feed", "--store", connection, "--job", "si-job", "--recipe", "self-instruct", "--seeds", seeds, "--target", Target, "--out", shared, "--config", config))
        {
            Assert.True(feed.ExitCode == 0, feed.Stderr);
            Assert.Contains("1 shard(s) registered", feed.Stdout, StringComparison.Ordinal);
        }

        for (int i = 1; i <= 3; i++)
        {
            _nodes.Add(ActorsProcess.Start(null, "node", "start", "--store", connection, "--config", config, "--name", $"node-{i}"));
        }

        // Whoever took the gate is killed once some instances shards exist; another node rebuilds the pool and goes on.
        int gateOwner = -1;
        await WaitForAsync(() => (gateOwner = _nodes.FindIndex(n => n.Stderr.Contains("took si:prompts", StringComparison.Ordinal))) >= 0 && _nodes.Any(n => n.Stderr.Contains("took si:inst:", StringComparison.Ordinal)), "the gate and an instances shard to be taken");
        _nodes[gateOwner].Kill();
        output.WriteLine($"node-{gateOwner + 1} (the gate's owner) killed (SIGKILL)");

        var summaryFile = Path.Combine(shared, "summary.json");
        await WaitForAsync(() => File.Exists(summaryFile), "the job to finish", summaryFile, killed: gateOwner);
        for (int i = 0; i < _nodes.Count; i++)
        {
            output.WriteLine($"--- node-{i + 1}:\n{_nodes[i].Stderr}");
        }

        Assert.Equal("completed", Status(shared));
        await AssertSameSelfInstructRowsAsync(reference, shared);

        // Every node generated: prompt shards and instances shards were taken by more than one node.
        static Dictionary<string, long> RecordCounters(string dir) =>
            Counters(dir).Where(kv => !kv.Key.StartsWith("shards.", StringComparison.Ordinal) && !kv.Key.StartsWith("cluster.", StringComparison.Ordinal)).ToDictionary();
        Assert.Equal(RecordCounters(reference), RecordCounters(shared));
        Assert.True(_nodes.Count(n => n.Stderr.Contains("took si:gen:", StringComparison.Ordinal)) >= 2, "prompt shards were generated by fewer than two nodes");
        Assert.True(_nodes.Count(n => n.Stderr.Contains("took si:inst:", StringComparison.Ordinal)) >= 2, "instances shards were processed by fewer than two nodes");
        Assert.True(_nodes.Where((n, i) => i != gateOwner).Any(n => n.Stderr.Contains("took si:prompts", StringComparison.Ordinal)), "no surviving node took the gate over");
    }

    [Fact]
    public async Task Self_instruct_on_a_cluster_asks_the_model_once_per_prompt_the_gate_reads_workers_answers_from_the_cache()
    {
        if (NewSchemaConnection() is not { } connection)
        {
            return;
        }

        // One model server shared by the nodes, answering like the offline heuristics but over HTTP, so the response
        // cache is on (it is off for the offline backend) and every request is counted by purpose.
        var fakeOptions = new FakeLlmOptions().WithOfflineResponders(RecipeResponders.Create());
        await using var fake = await FakeLlmServer.StartAsync(fakeOptions, CancellationToken.None);
        var seeds = Path.Combine(RepositoryRoot(), "samples/self-instruct/seed_tasks.jsonl");
        var config = Path.Combine(_root, "si-http.conf");
        File.WriteAllText(config, $$"""
            actors.self-instruct { commit-batch = 4, commit-interval = 50ms, in-flight-prompts = 8, parallelism = 4,
              cluster { prompts-per-shard = 4, instructions-per-shard = 16, poll-interval = 20ms } }
            actors.cluster { lease-ttl = 4s, heartbeat-interval = 1s, node-timeout = 3s, max-shards = 2, poll-interval = 200ms }
            actors.inference.devices.fake { endpoint = "{{fake.BaseUrl}}", model = "{{fakeOptions.Model}}", max-batch = 1 }
            """);
        var shared = Path.Combine(_root, "si-http");
        using (var feed = await ActorsProcess.RunAsync(Limit, null, "feed", "--store", connection, "--job", "si-http", "--recipe", "self-instruct", "--seeds", seeds, "--target", "150", "--out", shared, "--config", config))
        {
            Assert.True(feed.ExitCode == 0, feed.Stderr);
        }

        for (int i = 1; i <= 2; i++)
        {
            _nodes.Add(ActorsProcess.Start(null, "node", "start", "--store", connection, "--config", config, "--name", $"node-{i}"));
        }

        var summaryFile = Path.Combine(shared, "summary.json");
        await WaitForAsync(() => File.Exists(summaryFile), "the job to finish", summaryFile, killed: -1);
        Assert.Equal("completed", Status(shared));
        var counters = Counters(shared);
        long asked = fake.Counters.Purposes.Count(p => p == SelfInstructOfflineResponders.GenerateInstructionsPurpose);
        output.WriteLine($"generation requests {asked}, prompts generated by workers {counters["cluster.prompts_generated"]}, gated {counters["prompts.gated"]}");
        Assert.Equal(counters["cluster.prompts_generated"], asked);
        Assert.True(counters["prompts.gated"] <= asked, "the gate gated prompts that no worker generated");
        Assert.Equal(150, counters["instructions.accepted"]);
        Assert.All(_nodes, n => Assert.Contains("took si:gen:", n.Stderr, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Self_instruct_job_whose_model_adds_nothing_ends_with_a_failed_bootstrap_instead_of_looping()
    {
        if (NewSchemaConnection() is not { } connection)
        {
            return;
        }

        // A model that answers every generation prompt with a two-word line: parsed as one instruction, always too short.
        var fakeOptions = new FakeLlmOptions
        {
            Responders = new Dictionary<string, Func<FakeRequest, string>> { [SelfInstructOfflineResponders.GenerateInstructionsPurpose] = _ => " Say hello." },
        };
        await using var fake = await FakeLlmServer.StartAsync(fakeOptions, CancellationToken.None);
        var seeds = Path.Combine(RepositoryRoot(), "samples/self-instruct/seed_tasks.jsonl");
        var config = Path.Combine(_root, "si-stall.conf");
        File.WriteAllText(config, $$"""
            actors.self-instruct { max-prompts-without-progress = 6, in-flight-prompts = 4, commit-interval = 50ms, cluster.poll-interval = 20ms }
            actors.cluster { lease-ttl = 4s, heartbeat-interval = 1s, node-timeout = 3s, poll-interval = 200ms }
            actors.inference.devices.fake { endpoint = "{{fake.BaseUrl}}", model = "{{fakeOptions.Model}}", max-batch = 1 }
            """);
        var shared = Path.Combine(_root, "si-stall");
        using (var feed = await ActorsProcess.RunAsync(Limit, null, "feed", "--store", connection, "--job", "si-stall", "--recipe", "self-instruct", "--seeds", seeds, "--target", "50", "--out", shared, "--config", config))
        {
            Assert.True(feed.ExitCode == 0, feed.Stderr);
        }

        _nodes.Add(ActorsProcess.Start(null, "node", "start", "--store", connection, "--config", config, "--name", "node-1"));
        var summaryFile = Path.Combine(shared, "summary.json");
        await WaitForAsync(() => File.Exists(summaryFile), "the job to finish", summaryFile, killed: -1);
        output.WriteLine(_nodes[0].Stderr);
        Assert.Equal("completed_with_failed_shards", Status(shared));
        Assert.Equal(1, Counters(shared)["shards.failed"]);
        Assert.Contains("prompts in a row added nothing to the pool", _nodes[0].Stderr, StringComparison.Ordinal);
        Assert.Equal(1, CountOccurrences(_nodes[0].Stderr, "took si:prompts"));
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static void Signal(ActorsProcess process, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private async Task WaitForAsync(Func<bool> condition, string what, string? summaryFile = null, int killed = 1)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            // The node killed on purpose aside, any node that exits has crashed.
            var crashed = _nodes.Where((n, i) => i != killed && n.HasExited).Any();
            if (DateTime.UtcNow >= deadline || crashed)
            {
                // Everything a reader needs to see why: each node's log and the summary as it stands.
                for (int i = 0; i < _nodes.Count; i++)
                {
                    output.WriteLine($"--- node-{i + 1} (exited: {_nodes[i].HasExited}) stderr:\n{_nodes[i].Stderr}\n--- stdout:\n{_nodes[i].Stdout}");
                }

                if (summaryFile is not null && File.Exists(summaryFile))
                {
                    output.WriteLine($"--- {summaryFile}:\n{File.ReadAllText(summaryFile)}");
                }

                Assert.Fail(crashed ? $"a node exited while waiting for {what}" : $"timed out waiting for {what}");
            }

            await Task.Delay(100);
        }
    }
}
