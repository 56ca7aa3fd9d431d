using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.FakeLlm;
using Actors.Pipelines.Runs;

namespace Actors.Bench.Scenarios;

/// <summary>
/// One node against three on the same backtranslation job, each node with its own fake model server of fixed
/// capacity (--sequences slots, each held --latency-ms per request), so the model servers are the bottleneck, as
/// GPUs are in production. Nodes are real processes of the Release CLI on a real PostgreSQL, joined and warmed up
/// by a small job before the measured one; the clock runs from the job's registration (the feed command's exit,
/// or the job's first shard lease when a node is quicker) to its summary. Value: documents/s with three nodes; baseline: documents/s with one node, in the same
/// run. The ideal ratio is 3.
/// </summary>
/// <remarks>
/// <para>
/// Options: --shards N (12, a multiple of 3 so three nodes get equal work), --documents N per shard (60),
/// --latency-ms N per request (200), --sequences N per server (4), --verbose (node logs and each server's busy
/// share per second on stderr). The default job is 720 documents, 1,440 model requests: 72 s of model time on one
/// server, 24 s on three; the scenario takes about two minutes. Needs PostgreSQL: PGTEST_CONN, or
/// tools/scripts/pg-start.sh is run. Needs the CLI built in Release (dotnet build -c Release src/Actors.Cli).
/// </para>
/// <para>
/// The scenario checks that the model servers really did the work (every kept segment labelled, every accepted
/// label scored, no failed request, the servers' request counts matching the job's counters) and fails otherwise:
/// a job whose requests fail fast (a wrong model name is answered 404 at once) finishes without ever loading the
/// servers, and its ratio measures only per-node overhead. For each run it prints to stderr the requests and the
/// busy share of every server and the phases of the run (first lease, last lease, last shard done, summary).
/// </para>
/// </remarks>
internal static class ClusterScenario
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchArgs args)
    {
        int shards = args.GetInt32("shards", 12);
        int documents = args.GetInt32("documents", 60);
        int latency = args.GetInt32("latency-ms", 200);
        int sequences = args.GetInt32("sequences", 4);
        bool verbose = args.GetFlag("verbose");
        if (shards < 3 || documents < 1 || latency < 1 || sequences < 1)
        {
            throw new ArgumentException("--shards must be at least 3, --documents, --latency-ms and --sequences at least 1");
        }

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
            WriteCorpus(corpus, shards, documents, seed: 3);
            var warmCorpus = Path.Combine(work.FullName, "warm");
            WriteCorpus(warmCorpus, shards: 3, documents: 16, seed: 4);

            // The defaults of reference.conf except what makes a short bench react quickly: leases and heartbeats of
            // a few seconds, and fast retries. Recipe parallelism and commit batching are the shipped defaults.
            var config = Path.Combine(work.FullName, "bench.conf");
            await File.WriteAllTextAsync(config, """
                actors.cluster { lease-ttl = 10s, heartbeat-interval = 1s, node-timeout = 5s }
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
                var one = await RunJobAsync(cli, connection, corpus, warmCorpus, config, work.FullName, fakes, nodes: 1, total, verbose);
                var three = await RunJobAsync(cli, connection, corpus, warmCorpus, config, work.FullName, fakes, nodes: 3, total, verbose);
                return
                [
                    new("cluster", "documents_per_s_3_nodes_vs_1", total / three.Elapsed.TotalSeconds, total / one.Elapsed.TotalSeconds, "docs/s"),
                    new("cluster", "seconds_1_node", one.Elapsed.TotalSeconds, one.Elapsed.TotalSeconds, "s"),
                    new("cluster", "seconds_3_nodes", three.Elapsed.TotalSeconds, one.Elapsed.TotalSeconds, "s"),
                    new("cluster", "model_busy_percent_3_nodes_vs_1", 100 * three.Busy, 100 * one.Busy, "%"),
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

    private static async Task<JobRun> RunJobAsync(string cli, string connection, string corpus, string warmCorpus, string config, string work, List<FakeLlmServer> fakes, int nodes, long documents, bool verbose)
    {
        var schema = $"bench_{nodes}_{Guid.NewGuid():N}"[..20];
        var store = $"{connection};Search Path={schema}";
        var processes = new List<Process>();
        var clock = Stopwatch.StartNew();
        var logs = new ConcurrentQueue<(TimeSpan At, string Line)>();
        try
        {
            for (int i = 0; i < nodes; i++)
            {
                // One prompt per HTTP call, so every request holds one of the server's sequence slots for the whole
                // latency: the server's capacity (sequences / latency) is what bounds each node. The model name is
                // the server's own: any other is answered 404 at once and the job never loads the server.
                var nodeConfig = Path.Combine(work, $"node-{nodes}-{i}.conf");
                await File.WriteAllTextAsync(nodeConfig, $$"""
                    include file("{{config}}")
                    actors.inference.devices.fake { endpoint = "{{fakes[i].BaseUrl}}", model = "{{fakes[i].Options.Model}}", max-batch = 1, max-in-flight = 64 }
                    actors.metrics.enabled = false
                    """);
                processes.Add(Start(cli, clock, logs, "node", "start", "--store", store, "--config", nodeConfig, "--name", $"bench-node-{i}"));
            }

            // Every node joins and has a healthy model server before any job appears (so fair shares count them all).
            while (Enumerable.Range(0, nodes).Any(i => !logs.Any(l => l.Line.Contains($"node bench-node-{i}: joined", StringComparison.Ordinal)))
                || logs.Count(l => l.Line.Contains("inference: device 'fake' healthy", StringComparison.Ordinal)) < nodes)
            {
                CheckNodes(processes, logs, clock);
                await Task.Delay(50);
            }

            // Warm-up: a small job of one shard per node, so every node has run the recipe once (JIT, connection
            // pools, first Parquet files) before the clock starts, as the long-lived nodes of a cluster have. A fresh
            // process sends its first request 1 to 1.5 s after taking its first shard when it is alone, but 1.5 to 4 s
            // when three start at once on two cores: a start-up cost that would be charged to the three-node run
            // only. Repeated if some node got no warm-up shard.
            for (int round = 0; round < 3 && Enumerable.Range(0, nodes).Any(i => !Warm(logs, i)); round++)
            {
                await FeedAndWaitAsync(cli, store, $"warm-{nodes}-{round}", warmCorpus, Path.Combine(work, $"warm-{nodes}-{round}"), config, processes, clock, logs, () => { });
            }

            if (Enumerable.Range(0, nodes).Any(i => !Warm(logs, i)))
            {
                Console.Error.WriteLine($"cluster: warning: not every one of the {nodes} node(s) ran a warm-up shard");
            }

            var before = fakes.Select(f => (f.Counters.Requests, f.Counters.BusySequenceTime)).ToList();
            var samples = new List<(TimeSpan At, TimeSpan[] Busy, long[] Active)>();
            void Sample()
            {
                if (verbose && (samples.Count == 0 || clock.Elapsed - samples[^1].At >= TimeSpan.FromSeconds(1)))
                {
                    samples.Add((clock.Elapsed, [.. fakes.Take(nodes).Select(f => f.Counters.BusySequenceTime)], [.. fakes.Take(nodes).Select(f => f.Counters.ActiveRequests)]));
                }
            }

            var measuredFrom = logs.Count;
            var feedStart = clock.Elapsed;
            var (fed, done, summary) = await FeedAndWaitAsync(cli, store, $"bench-{nodes}", corpus, Path.Combine(work, $"out-{nodes}"), config, processes, clock, logs, Sample);
            // The job's time runs from its registration to its summary. The feed command registers the job before it
            // exits (nodes may take shards while it shuts down), so the clock starts at its exit or the first lease of
            // the job, whichever came first.
            var job = $"bench-{nodes}";
            var start = logs.Skip(measuredFrom).Where(l => l.Line.Contains($" of {job} (fence", StringComparison.Ordinal)).Select(l => l.At).Append(fed).Min();
            var jobLogs = logs.Skip(measuredFrom).Select(l => (At: l.At - start, l.Line)).ToList();
            var elapsed = done - start;
            var requests = fakes.Select((f, i) => f.Counters.Requests - before[i].Requests).ToList();
            var busy = fakes.Select((f, i) => (f.Counters.BusySequenceTime - before[i].BusySequenceTime) / (elapsed * f.Options.MaxConcurrentSequences)).ToList();
            var counters = summary["counters"]!.AsObject();
            long Counter(string name) => counters[name]?.GetValue<long>() ?? 0;

            int sequences = fakes[0].Options.MaxConcurrentSequences;
            var report = new StringBuilder().Append(CultureInfo.InvariantCulture, $"cluster, {nodes} node(s): {elapsed.TotalSeconds:F1} s (feed command {(fed - feedStart).TotalSeconds:F1} s");
            AppendPhases(report, jobLogs, job);
            report.Append(CultureInfo.InvariantCulture, $"); {Counter("records.documents")} documents, {Counter("segments.kept")} of {Counter("segments.total")} segments kept, {Counter("label.accepted")} labels accepted, {Counter("score.ok")} scored");
            for (int i = 0; i < nodes; i++)
            {
                report.Append(CultureInfo.InvariantCulture, $"; server {i}: {requests[i]} requests, busy {busy[i]:P0}");
            }

            Console.Error.WriteLine(report);
            if (verbose)
            {
                foreach (var (at, line) in logs.Select(l => (At: l.At - start, l.Line)))
                {
                    Console.Error.WriteLine($"  {at.TotalSeconds,7:F2} s {line}");
                }

                // Each server's busy share (slots held / slots) over each second, and the requests it had open.
                for (int k = 1; k < samples.Count; k++)
                {
                    var span = samples[k].At - samples[k - 1].At;
                    var shares = Enumerable.Range(0, nodes).Select(i => $"{(samples[k].Busy[i] - samples[k - 1].Busy[i]) / (span * sequences),4:P0} ({samples[k].Active[i],2} open)");
                    Console.Error.WriteLine($"  {(samples[k].At - start).TotalSeconds,7:F2} s busy: {string.Join(", ", shares)}");
                }
            }

            // Every kept segment costs a label request and every accepted label a score request; anything less
            // reaching the servers (or any failed request) means the servers were not what bounded the job.
            long expected = Counter("segments.kept") + Counter("label.accepted");
            long failed = Counter("label.failed") + Counter("score.failed");
            if (Counter("records.documents") != documents || Counter("label.accepted") == 0 || failed > 0 || requests.Sum() < expected)
            {
                throw new InvalidOperationException(
                    $"the model servers did not do the job's work ({requests.Sum()} requests served, {expected} expected, {failed} failed); counters: {counters.ToJsonString()}");
            }

            return new JobRun(elapsed, busy.Take(nodes).Average());
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

    /// <summary>
    /// Feeds a job and waits for its summary; returns when the feed command exited, when the summary was seen
    /// completed (both on <paramref name="clock"/>) and the summary.
    /// </summary>
    private static async Task<(TimeSpan Fed, TimeSpan Done, JsonNode Summary)> FeedAndWaitAsync(string cli, string store, string job, string corpus, string output, string config, List<Process> processes, Stopwatch clock, ConcurrentQueue<(TimeSpan At, string Line)> logs, Action poll)
    {
        var started = clock.Elapsed;
        var feedLog = new ConcurrentQueue<(TimeSpan At, string Line)>();
        using (var feed = Start(cli, clock, feedLog, "feed", "--store", store, "--job", job, "--corpus", corpus, "--out", output, "--config", config))
        {
            await feed.WaitForExitAsync();
            if (feed.ExitCode != 0)
            {
                throw new InvalidOperationException($"actors feed exited {feed.ExitCode}: {string.Join('\n', feedLog.Select(l => l.Line))}");
            }
        }

        var fed = clock.Elapsed;
        var summary = Path.Combine(output, "summary.json");
        while (true)
        {
            var json = File.Exists(summary) ? JsonNode.Parse(await File.ReadAllTextAsync(summary)) : null;
            if (json?["status"]?.GetValue<string>() is "completed" or "completed_with_failed_shards")
            {
                return (fed, clock.Elapsed, json);
            }

            CheckNodes(processes, logs, clock);
            if (clock.Elapsed - started > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"job {job} did not complete within 10 minutes");
            }

            poll();
            await Task.Delay(50);
        }
    }

    private static void CheckNodes(List<Process> processes, ConcurrentQueue<(TimeSpan At, string Line)> logs, Stopwatch clock)
    {
        if (processes.Any(p => p.HasExited))
        {
            throw new InvalidOperationException($"a node exited:\n{string.Join('\n', logs.Select(l => l.Line))}");
        }

        if (clock.Elapsed > TimeSpan.FromMinutes(15))
        {
            throw new TimeoutException("the nodes did not finish within 15 minutes");
        }
    }

    /// <summary>Whether node <paramref name="index"/> has finished a warm-up shard.</summary>
    private static bool Warm(IEnumerable<(TimeSpan At, string Line)> logs, int index) =>
        logs.Any(l => l.Line.Contains("/warm/", StringComparison.Ordinal) && l.Line.Contains($": done on bench-node-{index}", StringComparison.Ordinal));

    /// <summary>When, on the job's clock, the first and last shard leases of <paramref name="job"/> were taken and its last shard was done.</summary>
    private static void AppendPhases(StringBuilder report, List<(TimeSpan At, string Line)> logs, string job)
    {
        var taken = logs.Where(l => l.Line.Contains($" of {job} (fence", StringComparison.Ordinal)).Select(l => l.At).ToList();
        var done = logs.Where(l => l.Line.Contains("/corpus/", StringComparison.Ordinal) && l.Line.Contains(": done on ", StringComparison.Ordinal)).Select(l => l.At).ToList();
        if (taken.Count > 0)
        {
            report.Append(CultureInfo.InvariantCulture, $"; first lease at {taken.Min().TotalSeconds:F1} s, last at {taken.Max().TotalSeconds:F1} s");
        }

        if (done.Count > 0)
        {
            report.Append(CultureInfo.InvariantCulture, $"; last shard done at {done.Max().TotalSeconds:F1} s");
        }
    }

    private static Process Start(string cli, Stopwatch clock, ConcurrentQueue<(TimeSpan At, string Line)> log, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");

        // Drain the pipes so a chatty node never blocks on a full one; log lines are kept with the time they came.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.Enqueue((clock.Elapsed, e.Data));
            }
        };
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
    /// Web-page-like English documents: a title heading and a few paragraphs of article text (stopwords mixed with
    /// words drawn from a large made-up vocabulary, so the text passes the language and repetition filters and no
    /// two segments are near-duplicates), wrapped in page furniture the cleaner strips (a skip link, a cookie
    /// banner, share prompts, a copyright footer). Every document is one segment of 700-1,300 characters, which
    /// the cleaner keeps and the model labels and scores: two requests per document, the same work in every shard.
    /// </summary>
    private static void WriteCorpus(string directory, int shards, int documents, int seed)
    {
        string[] syllables = ["ka", "lo", "mi", "ter", "san", "vo", "rel", "dun", "pa", "shi", "gor", "len", "tu", "bra", "fen", "qui"];
        var random = new Random(seed);
        var words = Enumerable.Range(0, 2000).Select(_ => string.Concat(Enumerable.Range(0, 2 + random.Next(2)).Select(_ => syllables[random.Next(syllables.Length)]))).ToArray();
        string[] frames =
        [
            "the {0} of the {1} is {2} and {3}", "a {0} with {1} was in the {2} for {3}", "it is {0} that the {1} can {2} to {3}",
            "we {0} the {1} and then {2} it with {3}", "most people {0} their {1} before they {2} the {3}",
            "if you {0} the {1}, keep an eye on the {2} and its {3}", "there are two ways to {0} a {1}: by {2} or by {3}",
        ];
        string[] titles = ["How to {0} a {1}", "A beginner's guide to {0} {1}", "Why your {0} needs a {1}", "What I learned about {0} and {1}"];
        string[] furniture =
        [
            "Skip to content", "We use cookies to improve your experience. By continuing you accept our cookie policy.",
            "Share this post", "Leave a comment", "Read more",
        ];
        string Word() => words[random.Next(words.Length)];
        Directory.CreateDirectory(directory);
        for (int s = 0; s < shards; s++)
        {
            using var writer = new StreamWriter(Path.Combine(directory, $"shard-{s:D2}.jsonl"), false, new UTF8Encoding(false));
            for (int d = 0; d < documents; d++)
            {
                var title = string.Format(CultureInfo.InvariantCulture, titles[random.Next(titles.Length)], Word(), Word());
                var text = new StringBuilder(furniture[0]).Append('\n').Append(furniture[1]).Append("\n\n# ").Append(title).Append("\n\n");
                int paragraphs = 2 + random.Next(2);
                int target = 800 + random.Next(300);
                for (int p = 0; p < paragraphs; p++)
                {
                    int start = text.Length;
                    while (text.Length - start < target / paragraphs)
                    {
                        var frame = frames[random.Next(frames.Length)];
                        text.Append(char.ToUpperInvariant(frame[0])).Append(string.Format(CultureInfo.InvariantCulture, frame[1..], Word(), Word(), Word(), Word())).Append(". ");
                    }

                    text.Length--;
                    text.Append("\n\n");
                }

                text.Append(furniture[2 + random.Next(3)]).Append("\n\u00A9 2024 ").Append(char.ToUpperInvariant(title[0])).Append(title[1..]).Append(". All rights reserved.");
                writer.WriteLine(JsonSerializer.Serialize(new { id = $"{s}-{d}", url = $"https://blog{s}.example.com/posts/{d}", text = text.ToString() }));
            }
        }
    }

    /// <summary>One measured job: from feeding it to its summary, and the average busy share of its nodes' model servers.</summary>
    private sealed record JobRun(TimeSpan Elapsed, double Busy);
}
