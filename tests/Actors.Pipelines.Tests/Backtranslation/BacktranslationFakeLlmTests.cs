using System.Globalization;
using System.Text.Json.Nodes;
using Actors.FakeLlm;
using Actors.Inference;
using Actors.Pipelines.Backtranslation;
using Actors.Pipelines.Runs;
using Xunit.Abstractions;
using static Actors.Pipelines.Tests.Backtranslation.BacktranslationRunTests;

namespace Actors.Pipelines.Tests.Backtranslation;

/// <summary>
/// The backtranslation recipe against tools/fake-llm over real HTTP on 127.0.0.1. The fake answers the label and
/// score purposes with the offline backend's heuristics (it reads the X-Actors-Purpose header), so the outputs are
/// comparable with an offline run, and injects every fault kind the inference layer classifies.
/// </summary>
public sealed class BacktranslationFakeLlmTests(ITestOutputHelper log) : IDisposable
{
    private const string Model = "fake-model";
    private readonly string _root = Directory.CreateTempSubdirectory("actors-bt-fake-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    internal static FakeLlmOptions FakeOptions(string model = Model) =>
        new FakeLlmOptions { Model = model, BaseLatency = TimeSpan.FromMilliseconds(2) }.WithOfflineResponders(RecipeResponders.Create());

    /// <summary>A HOCON file with one device on the fake and short timeouts and backoffs, so faults cost milliseconds.</summary>
    private string Config(string name, Uri endpoint, int maxBatch, int maxInFlight, string backtranslation, int maxAttempts = 5, string requestTimeout = "400ms")
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $$"""
            actors.inference {
              request-timeout = {{requestTimeout}}
              connect-timeout = 2s
              health-check-interval = 200ms
              health-check-timeout = 1s
              retry { max-attempts = {{maxAttempts}}, min-backoff = 5ms, max-backoff = 40ms, random-factor = 0.2 }
              restart { min-backoff = 20ms, max-backoff = 200ms }
              devices {
                fake { backend = openai, endpoint = "{{endpoint}}", model = {{Model}}, max-batch = {{maxBatch}}, max-in-flight = {{maxInFlight}}, max-wait = 2ms }
              }
            }
            actors.backtranslation { {{backtranslation}} }
            """));
        return path;
    }

    [Fact]
    public async Task Run_against_a_faulty_server_completes_and_accounts_for_every_segment()
    {
        var corpus = TestCorpus.Write(_root, 160);

        // Every fault at 2%: 500, 429, hang (past the 400 ms request timeout), reset, malformed JSON (per HTTP call),
        // empty text and finish_reason length (per prompt). One prompt per call, so each call draws its own fault;
        // two attempts per request, so some requests really fail and are dead-lettered.
        await using var fake = await FakeLlmServer.StartAsync(FakeOptions() with { Faults = FakeFaults.All(0.02), Seed = 7 }, CancellationToken.None);
        var config = Config("faults.conf", fake.BaseUrl, maxBatch: 1, maxInFlight: 16, "parallelism = 16, commit-batch = 256, commit-interval = 2s, score-threshold = 4", maxAttempts: 2);
        var output = Path.Combine(_root, "faulty");
        RunResult result;
        using (var control = new RunControl(CancellationToken.None))
        {
            result = await StartAsync(output, [corpus], null, control, config: config);
        }

        Assert.Equal("completed", result.Status);
        var summary = result.Summary;
        var counters = summary["counters"]!.AsObject();
        long Counter(string name) => counters[name]?.GetValue<long>() ?? 0;
        log.WriteLine($"fake: {fake.Counters.Requests} requests, {fake.Counters.Prompts} prompts; faults: "
            + string.Join(", ", Enum.GetValues<FakeFaultKind>().Select(k => $"{FakeFaults.NameOf(k)}={fake.Counters.Faults(k)}")));
        log.WriteLine(string.Join(", ", counters.Where(kv => kv.Key.StartsWith("label.", StringComparison.Ordinal) || kv.Key.StartsWith("score.", StringComparison.Ordinal)).Select(kv => $"{kv.Key}={kv.Value}")));

        // Every fault kind was really injected, through real HTTP, and only the recipe's two purposes were asked.
        Assert.All(Enum.GetValues<FakeFaultKind>(), kind => Assert.True(fake.Counters.Faults(kind) > 0, $"no {FakeFaults.NameOf(kind)} fault was injected"));
        Assert.All(fake.Counters.Purposes, purpose => Assert.Contains(purpose, new[] { InferencePurposes.Label, InferencePurposes.Score }));
        Assert.True(Counter("segments.kept") >= 200, $"only {Counter("segments.kept")} segments: the corpus is too small to exercise the faults");

        // The counts add up: every kept segment was labelled, rejected or failed; every accepted label was judged,
        // unparseable or failed; every failure is one dead letter in the store.
        Assert.Equal(Counter("segments.kept"), Counter("label.accepted") + Counter("label.rejected") + Counter("label.failed"));
        Assert.Equal(Counter("label.accepted"), Counter("score.ok") + Counter("score.parse_failed") + Counter("score.failed"));
        Assert.Equal(Counter("label.failed") + Counter("score.failed"), summary["dead_letters"]!.GetValue<long>());
        Assert.True(Counter("label.failed") + Counter("score.failed") > 0, "two attempts against 12% faulty calls should leave some requests failed");
        Assert.True(Counter("label.rejected.truncated") + Counter("score.parse_failed.truncated") > 0, "finish_reason length was injected but never seen");

        var candidates = await ReadRowsAsync(Path.Combine(output, "candidates"));
        var scored = await ReadRowsAsync(Path.Combine(output, "scored"));
        var train = await ReadRowsAsync(Path.Combine(output, "train"));
        Assert.Equal(Counter("label.accepted"), candidates.Count);
        Assert.Equal(Counter("score.ok") + Counter("score.parse_failed"), scored.Count);
        Assert.Equal(Counter("train.web"), scored.Count(r => r["score"] is int score && score >= 4));
        Assert.Equal(Counter("train.web"), train.Count);
        Assert.True(Counter("train.web") > 0);
        Assert.All(candidates, r => Assert.Equal(Model, r["label_model"]));
        Assert.All(scored, r => Assert.Equal(Model, r["judge_model"]));

        // Meaningful outputs: where the fake answered in full, it gave what the offline heuristics give for the same pair.
        var offline = Path.Combine(_root, "offline");
        var offlineConfig = Path.Combine(_root, "offline.conf");
        File.WriteAllText(offlineConfig, "actors.backtranslation { score-threshold = 4 }\n");
        using (var control = new RunControl(CancellationToken.None))
        {
            Assert.Equal("completed", (await StartAsync(offline, [corpus], null, control, config: offlineConfig)).Status);
        }

        var expected = (await ReadRowsAsync(Path.Combine(offline, "scored"))).ToDictionary(r => (string)r["pair_id"]!, r => ((string)r["instruction"]!, r["score"]));
        var compared = 0;
        foreach (var row in scored.Where(r => (string)r["parse_status"]! == "ok"))
        {
            var (instruction, score) = expected[(string)row["pair_id"]!];
            Assert.Equal(instruction, row["instruction"]);
            Assert.Equal(score, row["score"]);
            compared++;
        }

        Assert.True(compared > scored.Count / 2);

        // Few, large part files (commit-batch 256): the verifier starts once per file.
        await ParquetVerify.AssertValidAsync(Directory.GetFiles(output, "*.parquet", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Resumed_run_asks_the_model_again_only_for_responses_it_did_not_store()
    {
        var corpus = TestCorpus.Write(_root, 60);
        const int maxBatch = 4, maxInFlight = 2;
        const string recipe = "parallelism = 8, commit-batch = 8, commit-interval = 200ms";

        // No faults here and a generous request timeout: a slow machine must not add retries to the counts compared.

        // The reference: one uninterrupted run, and what it cost.
        await using var freshFake = await FakeLlmServer.StartAsync(FakeOptions(), CancellationToken.None);
        var fresh = Path.Combine(_root, "fresh");
        using (var control = new RunControl(CancellationToken.None))
        {
            Assert.Equal("completed", (await StartAsync(fresh, [corpus], null, control, config: Config("fresh.conf", freshFake.BaseUrl, maxBatch, maxInFlight, recipe, requestTimeout: "30s"))).Status);
        }

        long freshPrompts = freshFake.Counters.Prompts;

        // Abort once two batches are committed and 100 answers were given (so some answered records are not committed
        // yet), then resume against the same server. The server itself pulls the trigger: no timing involved.
        using var abort = new CancellationTokenSource();
        long commits = 0, answers = 0;
        var options = FakeOptions();
        var responders = options.Responders.ToDictionary(kv => kv.Key, kv => (Func<FakeRequest, string>)(request =>
        {
            if (Interlocked.Increment(ref answers) >= 100 && Interlocked.Read(ref commits) >= 2)
            {
                abort.Cancel();
            }

            return kv.Value(request);
        }));
        await using var fake = await FakeLlmServer.StartAsync(options with { Responders = responders }, CancellationToken.None);
        var crashed = Path.Combine(_root, "crashed");
        var config = Config("crashed.conf", fake.BaseUrl, maxBatch, maxInFlight, recipe, requestTimeout: "30s");
        using (var control = new RunControl(abort.Token))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StartAsync(crashed, [corpus], null, control, _ => Interlocked.Increment(ref commits), config, abort.Token, log.WriteLine));
        }

        long firstAttempt = fake.Counters.Prompts;
        InferenceStatistics? resumedStatistics = null;
        InferenceRouter? router = null;
        using (var control = new RunControl(CancellationToken.None))
        {
            var resumed = await RunLauncher.ResumeAsync(crashed, [new BacktranslationDefinition()], new AttemptOptions { Control = control, OnRouterStarted = r => router = r }, CancellationToken.None);
            Assert.Equal("completed", resumed.Status);
            resumedStatistics = router!.Statistics;
        }

        long bothAttempts = fake.Counters.Prompts;
        log.WriteLine($"fresh run: {freshPrompts} prompts; aborted attempt: {firstAttempt}; resumed attempt: {bothAttempts - firstAttempt} ({resumedStatistics.CacheHits} answered from the stored responses)");

        // Answers stored but not committed are not asked again. What may be paid twice: the calls in flight when the
        // attempt was aborted (at most max-in-flight calls of max-batch prompts), and answers whose write to the
        // response cache was still queued when the aborted attempt closed its store (the router does not wait for
        // those writes; the log then says "could not store a completion"). Three times the first bound covers both.
        Assert.True(resumedStatistics.CacheHits > 0, "answered but uncommitted records should be served from the stored responses");
        Assert.True(bothAttempts - firstAttempt < freshPrompts, "the resumed attempt should have less to ask than a fresh run");
        Assert.True(bothAttempts <= freshPrompts + (3 * maxBatch * maxInFlight), $"{bothAttempts} prompts over both attempts, {freshPrompts} for a fresh run");

        // A completed run resumed again asks nothing.
        using (var control = new RunControl(CancellationToken.None))
        {
            var again = await RunLauncher.ResumeAsync(crashed, [new BacktranslationDefinition()], new AttemptOptions { Control = control }, CancellationToken.None);
            Assert.Equal("completed", again.Status);
        }

        Assert.Equal(bothAttempts, fake.Counters.Prompts);

        // And the interrupted run has exactly the rows of the uninterrupted one.
        foreach (var dataset in new[] { "candidates", "scored", "train" })
        {
            Assert.Equal(Canonical(await ReadRowsAsync(Path.Combine(fresh, dataset))), Canonical(await ReadRowsAsync(Path.Combine(crashed, dataset))));
        }

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(crashed, "summary.json")))!.AsObject();
        Assert.False(summary["offline"]!.GetValue<bool>());
    }
}
