using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Parquet;
using Actors.Pipelines.Backtranslation;
using Actors.Pipelines.Runs;

namespace Actors.Pipelines.Tests.Backtranslation;

/// <summary>The backtranslation recipe end to end in-process on the offline backend: outputs, quarantine, resume.</summary>
public sealed class BacktranslationRunTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("actors-bt-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    internal static string RepoFile(string relative)
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Actors.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return Path.Combine(dir ?? throw new InvalidOperationException("Actors.sln not found above the test binaries."), relative);
    }

    internal static Task<RunResult> StartAsync(string output, string[] corpus, string? seed, RunControl control, Action<long>? onCommitted = null, string? config = null, CancellationToken cancellationToken = default, Action<string>? log = null)
    {
        var inputs = new Dictionary<string, string[]> { [BacktranslationDefinition.CorpusInput] = corpus };
        if (seed is not null)
        {
            inputs[BacktranslationDefinition.SeedInput] = [seed];
        }

        return RunLauncher.StartAsync(
            new StartRequest { Recipe = new BacktranslationDefinition(), OutputDirectory = output, Inputs = inputs, ConfigFile = config },
            new AttemptOptions { Control = control, OnCommitted = onCommitted, ExportJsonl = true, Log = log ?? (_ => { }) },
            cancellationToken);
    }

    [Fact]
    public async Task Sample_corpus_runs_offline_and_accounts_for_every_record()
    {
        var output = Path.Combine(_root, "out");
        using var control = new RunControl(CancellationToken.None);
        var result = await StartAsync(output, [RepoFile("samples/web/sample-corpus.jsonl")], RepoFile("samples/backtranslation/seed.jsonl"), control);

        Assert.Equal("completed", result.Status);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!.AsObject();
        Assert.True(summary["offline"]!.GetValue<bool>());
        var counters = summary["counters"]!.AsObject();
        long Counter(string name) => counters[name]?.GetValue<long>() ?? 0;

        // 6 documents and 2 malformed records in the sample; all 8 accounted for.
        Assert.Equal(8, Counter("records.read"));
        Assert.Equal(6, Counter("records.documents"));
        Assert.Equal(2, Counter("records.quarantined"));
        Assert.Equal(Counter("segments.total"), Counter("segments.kept") + counters.Where(kv => kv.Key.StartsWith("segments.dropped.", StringComparison.Ordinal)).Sum(kv => kv.Value!.GetValue<long>()));
        Assert.Equal(Counter("segments.kept"), Counter("label.accepted") + Counter("label.rejected") + Counter("label.failed"));
        Assert.Equal(10, Counter("train.seed"));

        var quarantine = Directory.GetFiles(Path.Combine(output, "quarantine"), "*.jsonl").SelectMany(File.ReadAllLines).ToList();
        Assert.Equal(2, quarantine.Count);
        Assert.All(quarantine, line => Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(line).RootElement.GetProperty("reason").GetString())));

        var train = await ReadRowsAsync(Path.Combine(output, "train"));
        Assert.Equal(Counter("train.seed") + Counter("train.web"), train.Count);
        Assert.Contains(train, r => (string)r["source"]! == "seed" && ((string)r["instruction"]!).EndsWith("Answer in the style of an AI Assistant.", StringComparison.Ordinal));
        Assert.All(train.Where(r => (string)r["source"]! == "web"), r => Assert.EndsWith("Answer with knowledge from web search.", (string)r["instruction"]!, StringComparison.Ordinal));
        Assert.Equal(Counter("label.accepted"), (await ReadRowsAsync(Path.Combine(output, "candidates"))).Count);
        Assert.True(File.Exists(Path.Combine(output, "export", "train.jsonl")));
        await ParquetVerify.AssertValidAsync(Directory.GetFiles(output, "*.parquet", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Aborted_run_resumes_to_the_same_rows_as_an_uninterrupted_one()
    {
        var corpus = RepoFile("samples/web/sample-corpus.jsonl");
        var seed = RepoFile("samples/backtranslation/seed.jsonl");
        var config = Path.Combine(_root, "small-batches.conf");
        File.WriteAllText(config, "actors.backtranslation { commit-batch = 1, parallelism = 2 }\n");

        var reference = Path.Combine(_root, "reference");
        using (var control = new RunControl(CancellationToken.None))
        {
            Assert.Equal("completed", (await StartAsync(reference, [corpus], seed, control, config: config)).Status);
        }

        // Abort after the second commit, then resume until done.
        var crashed = Path.Combine(_root, "crashed");
        using (var abort = new CancellationTokenSource())
        using (var control = new RunControl(abort.Token))
        {
            long commits = 0;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StartAsync(crashed, [corpus], seed, control, _ =>
            {
                if (Interlocked.Increment(ref commits) == 2)
                {
                    abort.Cancel();
                }
            }, config, abort.Token));
        }

        using (var control = new RunControl(CancellationToken.None))
        {
            var resumed = await RunLauncher.ResumeAsync(crashed, [new BacktranslationDefinition()], new AttemptOptions { Control = control }, CancellationToken.None);
            Assert.Equal("completed", resumed.Status);
        }

        foreach (var dataset in new[] { "candidates", "scored", "train" })
        {
            Assert.Equal(
                Canonical(await ReadRowsAsync(Path.Combine(reference, dataset))),
                Canonical(await ReadRowsAsync(Path.Combine(crashed, dataset))));
        }
    }

    /// <summary>Rows as sorted strings without the columns that differ between runs (run id, time).</summary>
    internal static List<string> Canonical(IEnumerable<IReadOnlyDictionary<string, object?>> rows) => OutputRows.Canonical(rows, "run_id", "created");

    internal static Task<List<IReadOnlyDictionary<string, object?>>> ReadRowsAsync(string directory) => OutputRows.ReadRowsAsync(directory);
}
