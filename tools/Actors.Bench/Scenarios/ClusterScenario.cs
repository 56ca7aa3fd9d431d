using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.FakeLlm;
using Actors.Pipelines.Runs;

namespace Actors.Bench.Scenarios;

/// <summary>
/// One node against three on the same backtranslation job, each node with its own fake model server of fixed
/// capacity, so the model servers are the bottleneck (as GPUs are in production). Nodes are real processes of the
/// Release CLI on a real PostgreSQL; the clock runs from feeding the job (nodes already joined) to its summary.
/// Value: documents/s with three nodes; baseline: documents/s with one node, in the same run.
/// </summary>
/// <remarks>
/// Options: --shards N (6), --documents N per shard (60), --latency-ms N per request (100), --sequences N per
/// server (4). Needs PostgreSQL: PGTEST_CONN, or tools/scripts/pg-start.sh is run. Needs the CLI built in Release
/// (dotnet build -c Release src/Actors.Cli).
/// </remarks>
internal static class ClusterScenario
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchArgs args)
    {
        int shards = args.GetInt32("shards", 6);
        int documents = args.GetInt32("documents", 60);
        int latency = args.GetInt32("latency-ms", 100);
        int sequences = args.GetInt32("sequences", 4);
        var root = RepositoryRoot();
        var cli = Path.Combine(root, "src/Actors.Cli/bin/Release/net10.0/actors.dll");
        if (!File.Exists(cli))
        {
            throw new ArgumentException($"{cli} is missing; build it with: dotnet build -c Release src/Actors.Cli");
        }

        var work = Directory.CreateTempSubdirectory("actors-bench-cluster-");
        string? pgDir = null;
        try
        {
            var connection = Environment.GetEnvironmentVariable("PGTEST_CONN");
            if (string.IsNullOrEmpty(connection))
            {
                (connection, pgDir) = await StartPostgresAsync(root);
            }

            var corpus = Path.Combine(work.FullName, "corpus");
            WriteCorpus(corpus, shards, documents);
            var config = Path.Combine(work.FullName, "bench.conf");
            await File.WriteAllTextAsync(config, """
                actors.backtranslation { commit-batch = 16, parallelism = 32, commit-interval = 200ms }
                actors.cluster { lease-ttl = 10s, heartbeat-interval = 1s, node-timeout = 5s, max-shards = 2 }
                actors.inference { retry.min-backoff = 50ms }
                """);

            var fakeOptions = new FakeLlmOptions
            {
                MaxConcurrentSequences = sequences,
                BaseLatency = TimeSpan.FromMilliseconds(latency),
                PerTokenLatency = TimeSpan.Zero,
                BatchSlowdown = 0,
            }.WithOfflineResponders(RecipeResponders.Create());
            var fakes = new List<FakeLlmServer>();
            for (int i = 0; i < 3; i++)
            {
                fakes.Add(await FakeLlmServer.StartAsync(fakeOptions, CancellationToken.None));
            }

            try
            {
                long total = (long)shards * documents;
                var one = await RunJobAsync(cli, connection, corpus, config, work.FullName, fakes, nodes: 1);
                var three = await RunJobAsync(cli, connection, corpus, config, work.FullName, fakes, nodes: 3);
                return
                [
                    new("cluster", "documents_per_s_3_nodes_vs_1", total / three.TotalSeconds, total / one.TotalSeconds, "docs/s"),
                    new("cluster", "seconds_1_node", one.TotalSeconds, one.TotalSeconds, "s"),
                    new("cluster", "seconds_3_nodes", three.TotalSeconds, one.TotalSeconds, "s"),
                ];
            }
            finally
            {
                foreach (var fake in fakes)
                {
                    await fake.DisposeAsync();
                }
            }
        }
        finally
        {
            if (pgDir is not null)
            {
                using var stop = Process.Start("bash", [Path.Combine(root, "tools/scripts/pg-stop.sh"), pgDir]);
                await stop.WaitForExitAsync();
            }

            work.Delete(recursive: true);
        }
    }

    private static async Task<TimeSpan> RunJobAsync(string cli, string connection, string corpus, string config, string work, List<FakeLlmServer> fakes, int nodes)
    {
        var schema = $"bench_{nodes}_{Guid.NewGuid():N}"[..20];
        var store = $"{connection};Search Path={schema}";
        var output = Path.Combine(work, $"out-{nodes}");
        var processes = new List<Process>();
        try
        {
            for (int i = 0; i < nodes; i++)
            {
                // One prompt per HTTP call, so every request holds one of the server's sequence slots for the whole
                // latency: the server's capacity (sequences / latency) is what bounds each node.
                var nodeConfig = Path.Combine(work, $"node-{nodes}-{i}.conf");
                await File.WriteAllTextAsync(nodeConfig, $$"""
                    include file("{{config}}")
                    actors.inference.devices.fake { endpoint = "{{fakes[i].BaseUrl}}", model = "fake", max-batch = 1, max-in-flight = 64 }
                    actors.metrics.enabled = false
                    """);
                processes.Add(Start(cli, "node", "start", "--store", store, "--config", nodeConfig, "--name", $"bench-node-{i}"));
            }

            // Let every node join before the job appears, so the clock measures work, not start-up.
            await Task.Delay(TimeSpan.FromSeconds(4));
            using (var feed = Start(cli, "feed", "--store", store, "--job", $"bench-{nodes}", "--corpus", corpus, "--out", output, "--config", config))
            {
                await feed.WaitForExitAsync();
                if (feed.ExitCode != 0)
                {
                    throw new InvalidOperationException($"actors feed exited {feed.ExitCode}: {await feed.StandardError.ReadToEndAsync()}");
                }
            }

            var clock = Stopwatch.StartNew();
            var summary = Path.Combine(output, "summary.json");
            while (!(File.Exists(summary) && JsonNode.Parse(await File.ReadAllTextAsync(summary))?["status"]?.GetValue<string>() == "completed"))
            {
                if (processes.Any(p => p.HasExited))
                {
                    throw new InvalidOperationException("a node exited before the job completed");
                }

                if (clock.Elapsed > TimeSpan.FromMinutes(10))
                {
                    throw new TimeoutException("the job did not complete within 10 minutes");
                }

                await Task.Delay(50);
            }

            return clock.Elapsed;
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
    }

    private static Process Start(string cli, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");

        // Drain the pipes so a chatty node never blocks on a full one.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(string Connection, string Directory)> StartPostgresAsync(string root)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "tools/scripts/pg-start.sh"));
        using var process = Process.Start(start)!;
        var exports = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        string? connection = null, directory = null;
        foreach (var line in exports.Split('\n'))
        {
            foreach (var part in line.Replace("export ", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.StartsWith("PGTEST_DIR=", StringComparison.Ordinal))
                {
                    directory = part["PGTEST_DIR=".Length..];
                }
            }

            int at = line.IndexOf("PGTEST_CONN='", StringComparison.Ordinal);
            if (at >= 0)
            {
                connection = line[(at + "PGTEST_CONN='".Length)..].TrimEnd('\'');
            }
        }

        return (connection ?? throw new InvalidOperationException("pg-start.sh printed no PGTEST_CONN; is PostgreSQL installed?"), directory!);
    }

    private static string RepositoryRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Actors.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("run the bench from the repository (Actors.sln not found)");
    }

    /// <summary>
    /// English-like documents with headings: stopwords mixed with words drawn from a large made-up vocabulary, so
    /// segments pass the language and repetition filters and are not near-duplicates; every segment goes to the model.
    /// </summary>
    private static void WriteCorpus(string directory, int shards, int documents)
    {
        string[] syllables = ["ka", "lo", "mi", "ter", "san", "vo", "rel", "dun", "pa", "shi", "gor", "len", "tu", "bra", "fen", "qui"];
        var random = new Random(3);
        var words = Enumerable.Range(0, 2000).Select(_ => string.Concat(Enumerable.Range(0, 2 + random.Next(2)).Select(_ => syllables[random.Next(syllables.Length)]))).ToArray();
        string[] frames = ["the {0} of the {1} is {2} and {3}", "a {0} with {1} was in the {2} for {3}", "it is {0} that the {1} can {2} to {3}", "we {0} the {1} and then {2} it with {3}"];
        Directory.CreateDirectory(directory);
        for (int s = 0; s < shards; s++)
        {
            using var writer = new StreamWriter(Path.Combine(directory, $"shard-{s:D2}.jsonl"), false, new UTF8Encoding(false));
            for (int d = 0; d < documents; d++)
            {
                var text = new StringBuilder($"## Part {s}.{d}\n\n");
                while (text.Length < 900)
                {
                    var frame = frames[random.Next(frames.Length)];
                    text.Append(char.ToUpperInvariant(frame[0])).Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, frame[1..], words[random.Next(words.Length)], words[random.Next(words.Length)], words[random.Next(words.Length)], words[random.Next(words.Length)])).Append(". ");
                }

                writer.WriteLine(JsonSerializer.Serialize(new { id = $"{s}-{d}", text = text.ToString() }));
            }
        }
    }
}
