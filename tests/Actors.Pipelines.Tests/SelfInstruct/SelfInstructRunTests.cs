using System.Globalization;
using System.Text.Json.Nodes;
using Actors.FakeLlm;
using Actors.Parquet;
using Actors.Pipelines.Runs;
using Actors.Pipelines.SelfInstruct;
using Xunit.Abstractions;

namespace Actors.Pipelines.Tests.SelfInstruct;

/// <summary>The Self-Instruct recipe end to end in-process: offline backend, abort and resume, and tools/fake-llm with faults.</summary>
public sealed class SelfInstructRunTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("actors-si-run-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Task<RunResult> StartAsync(string output, int target, RunControl control, string? config = null, Action<long>? onCommitted = null, CancellationToken cancellationToken = default)
    {
        var inputs = new Dictionary<string, string[]>
        {
            [SelfInstructDefinition.SeedsInput] = [TestPaths.OurSeedTasks()],
            [SelfInstructDefinition.TargetInput] = [target.ToString(CultureInfo.InvariantCulture)],
        };
        return RunLauncher.StartAsync(
            new StartRequest { Recipe = new SelfInstructDefinition(), OutputDirectory = output, Inputs = inputs, ConfigFile = config },
            new AttemptOptions { Control = control, OnCommitted = onCommitted },
            cancellationToken);
    }

    [Fact]
    public async Task Offline_run_reaches_the_target_exactly_and_accounts_for_every_candidate()
    {
        const int Target = 100;
        var output = Path.Combine(_root, "out");
        RunResult result;
        using (var control = new RunControl(CancellationToken.None))
        {
            result = await StartAsync(output, Target, control);
        }

        Assert.Equal("completed", result.Status);
        var counters = result.Summary["counters"]!.AsObject();
        long Counter(string name) => counters[name]?.GetValue<long>() ?? 0;
        log.WriteLine(string.Join(", ", counters.Select(kv => $"{kv.Key}={kv.Value}")));

        var instructions = await ReadRowsAsync(Path.Combine(output, "instructions"));
        Assert.Equal(Target, instructions.Count);
        Assert.Equal(Enumerable.Range(0, Target).Select(i => (long)i), instructions.Select(r => (long)r["pool_index"]!).Order());
        Assert.Equal(Target, instructions.Select(r => (string)r["instruction"]!).Distinct().Count());
        AssertCandidatesAddUp(Counter, Target);

        // Phase 2: every instruction decided and routed, instances counted, exported rows match the kept instances.
        Assert.Equal(Target, Counter("instances.instructions"));
        Assert.Equal(Target, Counter("classify.yes") + Counter("classify.no"));
        Assert.True(Counter("classify.yes") > 0 && Counter("classify.no") > 0, "both routes should be exercised");
        Assert.Equal(Target, Counter("instructions.with_instances") + Counter("instructions.without_instances"));
        Assert.Equal(Counter("instances.parsed"), Counter("instances.kept") + Counter("instances.dropped"));
        Assert.Equal(Counter("instances.kept"), instructions.Sum(r => (int)r["instances"]!));
        Assert.Equal(0, result.Summary["dead_letters"]!.GetValue<long>());

        foreach (var dataset in new[] { "prompt_completion", "alpaca", "chat" })
        {
            var rows = await ReadRowsAsync(Path.Combine(output, dataset));
            Assert.Equal(Counter("instances.kept"), rows.Count);
            Assert.All(rows, r =>
            {
                Assert.False(string.IsNullOrEmpty((string?)r["run_id"]));
                Assert.True((long)r["prompt_index"]! >= 0);
                Assert.False(string.IsNullOrEmpty((string?)r["model"]));
                Assert.False(string.IsNullOrEmpty((string?)r["template_id"]));
                Assert.NotEmpty((IEnumerable<string>)r["seed_ids"]!);
            });
        }

        await ParquetVerify.AssertValidAsync(Directory.GetFiles(output, "*.parquet", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public async Task Aborted_run_resumes_to_the_same_pool_and_rows_as_an_uninterrupted_one(int abortAfterCommits)
    {
        const int Target = 60;
        var config = Path.Combine(_root, "small.conf");
        File.WriteAllText(config, "actors.self-instruct { commit-batch = 1, in-flight-prompts = 4, parallelism = 2 }\n");

        var reference = Path.Combine(_root, "reference");
        using (var control = new RunControl(CancellationToken.None))
        {
            Assert.Equal("completed", (await StartAsync(reference, Target, control, config)).Status);
        }

        var crashed = Path.Combine(_root, "crashed");
        using (var abort = new CancellationTokenSource())
        using (var control = new RunControl(abort.Token))
        {
            long commits = 0;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StartAsync(crashed, Target, control, config, _ =>
            {
                if (Interlocked.Increment(ref commits) == abortAfterCommits)
                {
                    abort.Cancel();
                }
            }, abort.Token));
        }

        RunResult resumed;
        using (var control = new RunControl(CancellationToken.None))
        {
            resumed = await RunLauncher.ResumeAsync(crashed, [new SelfInstructDefinition()], new AttemptOptions { Control = control }, CancellationToken.None);
        }

        Assert.Equal("completed", resumed.Status);
        foreach (var dataset in new[] { "instructions", "prompt_completion", "alpaca", "chat" })
        {
            var expected = Canonical(await ReadRowsAsync(Path.Combine(reference, dataset)));
            Assert.NotEmpty(expected);
            Assert.Equal(expected, Canonical(await ReadRowsAsync(Path.Combine(crashed, dataset))));
        }
    }

    /// <summary>
    /// Every fault kind at 2% with one attempt per request, so faults become failed requests: the run still reaches
    /// the target (a failed prompt just adds nothing) and every failure is counted and dead-lettered.
    /// </summary>
    [Fact]
    public async Task Run_against_a_faulty_fake_llm_reaches_the_target_and_dead_letters_failures()
    {
        const int Target = 60;
        await using var fake = await FakeLlmServer.StartAsync(
            new FakeLlmOptions { Model = "fake-model", BaseLatency = TimeSpan.FromMilliseconds(2), Faults = FakeFaults.All(0.02), Seed = 11 }.WithOfflineResponders(RecipeResponders.Create()),
            CancellationToken.None);
        var config = Path.Combine(_root, "fake.conf");
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""
            actors.inference {
              request-timeout = 400ms
              connect-timeout = 2s
              health-check-interval = 200ms
              health-check-timeout = 1s
              retry { max-attempts = 1, min-backoff = 5ms, max-backoff = 40ms, random-factor = 0.2 }
              restart { min-backoff = 20ms, max-backoff = 200ms }
              devices {
                fake { backend = openai, endpoint = "{{fake.BaseUrl}}", model = fake-model, max-batch = 1, max-in-flight = 16, max-wait = 2ms }
              }
            }
            actors.self-instruct { in-flight-prompts = 8, parallelism = 16 }
            """));

        var output = Path.Combine(_root, "faulty");
        RunResult result;
        using (var control = new RunControl(CancellationToken.None))
        {
            result = await StartAsync(output, Target, control, config);
        }

        Assert.Equal("completed", result.Status);
        var counters = result.Summary["counters"]!.AsObject();
        long Counter(string name) => counters[name]?.GetValue<long>() ?? 0;
        log.WriteLine($"fake: {fake.Counters.Requests} requests; faults: "
            + string.Join(", ", Enum.GetValues<FakeFaultKind>().Select(k => $"{FakeFaults.NameOf(k)}={fake.Counters.Faults(k)}")));
        log.WriteLine(string.Join(", ", counters.Select(kv => $"{kv.Key}={kv.Value}")));

        Assert.All(fake.Counters.Purposes, p => Assert.Contains(p, SelfInstructOfflineResponders.ByPurpose.Keys));
        Assert.True(Enum.GetValues<FakeFaultKind>().Sum(k => fake.Counters.Faults(k)) > 0, "no fault was injected");

        // One attempt per request: an injected transport fault is a failed request, which must be dead-lettered.
        Assert.True(result.Summary["dead_letters"]!.GetValue<long>() > 0, "no request failed; the faults did not reach the recipe");
        var instructions = await ReadRowsAsync(Path.Combine(output, "instructions"));
        Assert.Equal(Target, instructions.Count);
        AssertCandidatesAddUp(Counter, Target);

        // Every instruction ends in exactly one way, and every failure is one dead letter.
        Assert.Equal(Target, Counter("classify.failed") + Counter("instances.failed") + Counter("instructions.with_instances") + Counter("instructions.without_instances"));
        Assert.Equal(Target - Counter("classify.failed"), Counter("classify.yes") + Counter("classify.no"));
        Assert.Equal(Counter("prompts.failed") + Counter("classify.failed") + Counter("instances.failed"), result.Summary["dead_letters"]!.GetValue<long>());
        Assert.Equal(Counter("instances.kept"), (await ReadRowsAsync(Path.Combine(output, "alpaca"))).Count);
        await ParquetVerify.AssertValidAsync(Directory.GetFiles(output, "*.parquet", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Malformed_seed_file_is_refused_with_its_line()
    {
        var seeds = Path.Combine(_root, "bad.jsonl");
        File.WriteAllLines(seeds, [File.ReadLines(TestPaths.OurSeedTasks()).First(), "{\"id\": \"x\"}"]);
        using var control = new RunControl(CancellationToken.None);
        var inputs = new Dictionary<string, string[]> { [SelfInstructDefinition.SeedsInput] = [seeds], [SelfInstructDefinition.TargetInput] = ["5"] };
        var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => RunLauncher.StartAsync(
            new StartRequest { Recipe = new SelfInstructDefinition(), OutputDirectory = Path.Combine(_root, "bad"), Inputs = inputs },
            new AttemptOptions { Control = control },
            CancellationToken.None));
        Assert.Contains("bad.jsonl:2", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Every generated candidate is dropped by the parser, filtered, too similar, accepted or cut at the target.</summary>
    private static void AssertCandidatesAddUp(Func<string, long> counter, int target)
    {
        Assert.Equal(target, counter("instructions.accepted"));
        Assert.Equal(
            counter("instructions.generated"),
            counter("instructions.parse_dropped") + counter("instructions.filtered") + counter("instructions.too_similar") + counter("instructions.accepted") + counter("instructions.beyond_target"));
        Assert.True(counter("instructions.too_similar") + counter("instructions.filtered") > 0, "the gate and filters should reject something");
    }

    private static List<string> Canonical(IEnumerable<IReadOnlyDictionary<string, object?>> rows) => OutputRows.Canonical(rows, "run_id");

    private static Task<List<IReadOnlyDictionary<string, object?>>> ReadRowsAsync(string directory) => OutputRows.ReadRowsAsync(directory);
}
