using Actors.Cluster;
using Actors.FakeLlm;
using Actors.Inference;
using Actors.Pipelines.Backtranslation;
using Actors.Pipelines.Runs;
using static Actors.Pipelines.Tests.Backtranslation.BacktranslationRunTests;

namespace Actors.Pipelines.Tests.Backtranslation;

/// <summary>
/// Rescore mode (<c>--rescore OUT_PREV --judge MODEL</c>): the committed candidates of an earlier run judged again by
/// another model, one shard per candidates part, resumable, with nothing relabelled.
/// </summary>
public sealed class BacktranslationRescoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("actors-bt-rescore-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Task<RunResult> RescoreAsync(string output, string previous, RunControl control, string? judge = null, Uri? endpoint = null, string? seed = null, string? config = null, Action<long>? onCommitted = null, CancellationToken cancellationToken = default)
    {
        var inputs = new Dictionary<string, string[]> { [BacktranslationDefinition.RescoreInput] = [previous] };
        if (judge is not null)
        {
            inputs[BacktranslationDefinition.JudgeInput] = [judge];
        }

        if (seed is not null)
        {
            inputs[BacktranslationDefinition.SeedInput] = [seed];
        }

        return RunLauncher.StartAsync(
            new StartRequest { Recipe = new BacktranslationDefinition(), OutputDirectory = output, Inputs = inputs, ConfigFile = config, Endpoint = endpoint, Model = endpoint is null ? null : judge },
            new AttemptOptions { Control = control, OnCommitted = onCommitted },
            cancellationToken);
    }

    /// <summary>An offline run over a small corpus whose candidates land in several part files.</summary>
    private async Task<string> SourceRunAsync()
    {
        var corpus = TestCorpus.Write(_root, 40);
        var config = Path.Combine(_root, "source.conf");
        File.WriteAllText(config, "actors.backtranslation { commit-batch = 8, parallelism = 4 }\n");
        var source = Path.Combine(_root, "source");
        using var control = new RunControl(CancellationToken.None);
        Assert.Equal("completed", (await StartAsync(source, [corpus], null, control, config: config)).Status);
        return source;
    }

    [Fact]
    public async Task Rescore_judges_every_committed_candidate_again_with_the_judge_and_resumes()
    {
        var source = await SourceRunAsync();
        var sourceCandidates = await ReadRowsAsync(Path.Combine(source, "candidates"));
        var sourceScores = (await ReadRowsAsync(Path.Combine(source, "scored"))).ToDictionary(r => (string)r["pair_id"]!, r => r["score"]);
        int committedParts = Directory.GetFiles(Path.Combine(source, "candidates"), "*.parquet").Length;
        Assert.True(committedParts > 1);

        // A part file the source's store does not list (written, never committed) is not a candidate.
        var first = Directory.GetFiles(Path.Combine(source, "candidates"), "*.parquet").Order(StringComparer.Ordinal).First();
        File.Copy(first, Path.Combine(source, "candidates", "part-0000000000-stray-000001.parquet"));

        await using var fake = await FakeLlmServer.StartAsync(BacktranslationFakeLlmTests.FakeOptions("m1"), CancellationToken.None);
        var config = Path.Combine(_root, "rescore.conf");
        File.WriteAllText(config, "actors.backtranslation { commit-batch = 4, parallelism = 4, commit-interval = 50ms }\nactors.inference.retry.min-backoff = 5ms\n");
        var output = Path.Combine(_root, "rescored");
        var seed = RepoFile("samples/backtranslation/seed.jsonl");

        // Abort after the first commit, then resume.
        using (var abort = new CancellationTokenSource())
        using (var control = new RunControl(abort.Token))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RescoreAsync(output, source, control, "m1", fake.BaseUrl, seed, config, _ => abort.Cancel(), abort.Token));
        }

        RunResult result;
        using (var control = new RunControl(CancellationToken.None))
        {
            result = await RunLauncher.ResumeAsync(output, [new BacktranslationDefinition()], new AttemptOptions { Control = control }, CancellationToken.None);
        }

        Assert.Equal("completed", result.Status);
        var counters = result.Summary["counters"]!.AsObject();
        long Counter(string name) => counters[name]?.GetValue<long>() ?? 0;

        // Only the judge was asked: no label requests, every score request named the judge's model.
        Assert.All(fake.Counters.Purposes, purpose => Assert.Equal(InferencePurposes.Score, purpose));
        Assert.InRange(fake.Counters.Prompts, sourceCandidates.Count, sourceCandidates.Count + 32);

        // One shard per committed candidates part (the stray copy is not one), plus the seed file.
        await using (var store = await RunLauncher.OpenStoreAsync(new RunLayout(output), RunManifest.Load(Path.Combine(output, "run.json")), CancellationToken.None))
        {
            var shards = await store.ListShardsAsync(new RunId(RunManifest.Load(Path.Combine(output, "run.json")).RunId));
            Assert.Equal(committedParts, shards.Count(s => s.Id.Value.StartsWith("rescore:candidates/part-", StringComparison.Ordinal)));
            Assert.All(shards, s => Assert.Equal(ShardState.Done, s.State));
        }

        // Every candidate judged exactly once, by m1, with the lineage of the source; the heuristics behind the fake
        // are the offline ones, so the scores agree with the source run's.
        var scored = await ReadRowsAsync(Path.Combine(output, "scored"));
        Assert.Equal(sourceCandidates.Count, Counter("rescore.candidates"));
        Assert.Equal(Counter("rescore.candidates"), Counter("score.ok") + Counter("score.parse_failed") + Counter("score.failed"));
        Assert.Equal(Counter("score.failed"), result.Summary["dead_letters"]!.GetValue<long>());
        Assert.Equal(sourceCandidates.Select(r => (string)r["pair_id"]!).Order(StringComparer.Ordinal), scored.Select(r => (string)r["pair_id"]!).Order(StringComparer.Ordinal));
        Assert.All(scored, r =>
        {
            Assert.Equal("m1", r["judge_model"]);
            Assert.Equal("offline-heuristics", r["label_model"]);
            Assert.Equal(sourceScores[(string)r["pair_id"]!], r["score"]);
        });

        // Selection and tags as in the normal mode; nothing relabelled.
        var train = await ReadRowsAsync(Path.Combine(output, "train"));
        Assert.Equal(Counter("train.web"), scored.Count(r => r["score"] is int s && s >= 5));
        Assert.Equal(Counter("train.web"), train.Count(r => (string)r["source"]! == "web"));
        Assert.All(train.Where(r => (string)r["source"]! == "web"), r => Assert.Equal("m1", r["judge_model"]));
        Assert.Equal(10, Counter("train.seed"));
        Assert.False(Directory.Exists(Path.Combine(output, "candidates")));
        Assert.Equal(0, Counter("label.accepted") + Counter("segments.kept"));

        // The verifier starts once per file; the parts are all written alike, so the first of each dataset stands for them.
        await ParquetVerify.AssertValidAsync([.. new[] { "scored", "train" }.Select(d => Directory.GetFiles(Path.Combine(output, d), "*.parquet").Order(StringComparer.Ordinal).First())]);

        // A rescore of the rescore judges the same candidates (the chain is followed back to the labelled run).
        var again = Path.Combine(_root, "rescored-again");
        using (var control = new RunControl(CancellationToken.None))
        {
            var second = await RescoreAsync(again, output, control);
            Assert.Equal("completed", second.Status);
            Assert.Equal(sourceCandidates.Count, second.Summary["counters"]!["rescore.candidates"]!.GetValue<long>());
        }
    }

    [Fact]
    public async Task A_candidates_part_changed_since_its_commit_fails_its_shard_and_the_rest_is_rescored()
    {
        var source = await SourceRunAsync();
        var parts = Directory.GetFiles(Path.Combine(source, "candidates"), "*.parquet").Order(StringComparer.Ordinal).ToList();
        var sourceRows = (await ReadRowsAsync(Path.Combine(source, "candidates"))).Count;
        long damagedRows = 0;
        await using (var reader = await Actors.Parquet.ParquetReader.OpenAsync(parts[0]))
        {
            damagedRows = reader.RowCount;
        }

        await File.AppendAllTextAsync(parts[0], "tampered");
        var output = Path.Combine(_root, "rescored");
        using var control = new RunControl(CancellationToken.None);
        var result = await RescoreAsync(output, source, control);

        Assert.Equal("completed_with_failed_shards", result.Status);
        Assert.Equal(1, result.Summary["shards"]!["failed"]!.GetValue<int>());
        Assert.Equal(sourceRows - damagedRows, result.Summary["counters"]!["rescore.candidates"]!.GetValue<long>());
    }

    [Fact]
    public async Task Rescore_refuses_inputs_that_cannot_work()
    {
        var source = await SourceRunAsync();
        using var control = new RunControl(CancellationToken.None);

        // Not a run directory.
        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        var error = await Assert.ThrowsAsync<ArgumentException>(() => RescoreAsync(Path.Combine(_root, "a"), empty, control));
        Assert.Contains("no run there", error.Message, StringComparison.Ordinal);

        // --rescore with --corpus.
        var inputs = new Dictionary<string, string[]> { [BacktranslationDefinition.RescoreInput] = [source], [BacktranslationDefinition.CorpusInput] = [RepoFile("samples/web/sample-corpus.jsonl")] };
        error = await Assert.ThrowsAsync<ArgumentException>(() => RunLauncher.StartAsync(
            new StartRequest { Recipe = new BacktranslationDefinition(), OutputDirectory = Path.Combine(_root, "b"), Inputs = inputs },
            new AttemptOptions { Control = control },
            CancellationToken.None));
        Assert.Contains("exclude each other", error.Message, StringComparison.Ordinal);

        // A judge the single endpoint does not serve.
        inputs = new Dictionary<string, string[]> { [BacktranslationDefinition.RescoreInput] = [source], [BacktranslationDefinition.JudgeInput] = ["m1"] };
        error = await Assert.ThrowsAsync<ArgumentException>(() => RunLauncher.StartAsync(
            new StartRequest { Recipe = new BacktranslationDefinition(), OutputDirectory = Path.Combine(_root, "c"), Inputs = inputs, Endpoint = new Uri("http://127.0.0.1:9/v1"), Model = "m0" },
            new AttemptOptions { Control = control },
            CancellationToken.None));
        Assert.Contains("no device serves that model", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "c")), "nothing is created for a run that cannot start");
    }
}
