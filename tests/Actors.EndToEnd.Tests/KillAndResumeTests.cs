using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Parquet;
using Xunit.Abstractions;

namespace Actors.EndToEnd.Tests;

/// <summary>
/// The exactly-once promise with real processes: a backtranslation run is killed with SIGKILL again and again
/// (at random moments, and inside the commit window right after part files are renamed), resumed each time,
/// and its final outputs must equal an uninterrupted run's, row for row as a multiset, with equal counters.
/// </summary>
public sealed class KillAndResumeTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly string _root = Directory.CreateTempSubdirectory("actors-kill-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Backtranslation_killed_at_least_ten_times_ends_with_the_uninterrupted_outputs()
    {
        var corpus = Path.Combine(_root, "corpus");
        int bad = SyntheticCorpus.Write(corpus, shards: 3, documents: 400, seed: 7);
        var config = Path.Combine(_root, "run.conf");
        File.WriteAllText(config, "actors.backtranslation { commit-batch = 4, parallelism = 8, commit-interval = 50ms }\n");
        string[] Run(string dir) => ["run", "backtranslation", "--corpus", corpus, "--out", dir, "--config", config];

        var reference = Path.Combine(_root, "reference");
        using (var uninterrupted = await ActorsProcess.RunAsync(Limit, null, Run(reference)))
        {
            Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Stderr);
        }

        var crashed = Path.Combine(_root, "crashed");
        var random = new Random(20261121);
        int kills = 0, attempts = 0;
        bool started = false, finished = false;
        while (!finished && attempts < 60)
        {
            attempts++;
            var args = started ? new[] { "resume", crashed } : Run(crashed);

            // Every third attempt dies inside the commit window (after the part files' rename, before the
            // store transaction); the others get SIGKILL from outside at a random moment.
            bool kill = kills < 12;
            bool inCommitWindow = kill && attempts % 3 == 0;
            var environment = inCommitWindow ? new Dictionary<string, string> { ["ACTORS_TEST_KILL_AFTER_PART_FILES"] = $"{1 + random.Next(5)}" } : null;
            using var process = ActorsProcess.Start(environment, args);
            if (kill && !inCommitWindow)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(400 + random.Next(1200)));
                if (!process.HasExited)
                {
                    process.Kill();
                }
            }

            await process.WaitAsync(Limit);

            // A kill before run.json exists means the run never started: the user starts it again.
            started = File.Exists(Path.Combine(crashed, "run.json"));
            if (process.ExitCode == 0)
            {
                Assert.True(kills >= 10, $"the run completed after only {kills} kills; make the corpus larger so kills land mid-run");
                finished = true;
            }
            else
            {
                // 137 = killed by SIGKILL (dotnet reports 128 + 9), from us or from the crash hook.
                Assert.True(process.ExitCode == 137, $"attempt {attempts} exited {process.ExitCode}:\n{process.Stderr}");
                kills++;
            }
        }

        output.WriteLine($"{kills} kills over {attempts} attempts");
        Assert.True(finished, $"not finished after {attempts} attempts");
        Assert.Equal("completed", Status(crashed));

        foreach (var dataset in new[] { "candidates", "scored", "train" })
        {
            var expected = await CanonicalRowsAsync(Path.Combine(reference, dataset));
            var actual = await CanonicalRowsAsync(Path.Combine(crashed, dataset));
            Assert.True(expected.Count > 0, $"the reference run wrote no {dataset} rows");
            Assert.Equal(expected, actual);
        }

        Assert.Equal(Lines(Path.Combine(reference, "quarantine")), Lines(Path.Combine(crashed, "quarantine")));
        Assert.Equal(bad, Lines(Path.Combine(crashed, "quarantine")).Count);
        Assert.Equal(Counters(reference), Counters(crashed));
        Assert.Empty(Directory.GetFiles(crashed, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Self_instruct_killed_at_least_ten_times_ends_with_the_uninterrupted_outputs()
    {
        var seeds = Path.Combine(RepositoryRoot(), "samples/self-instruct/seed_tasks.jsonl");
        var config = Path.Combine(_root, "si.conf");
        File.WriteAllText(config, "actors.self-instruct { commit-batch = 2, commit-interval = 20ms, in-flight-prompts = 4, parallelism = 4 }\n");
        string[] Run(string dir) => ["run", "self-instruct", "--seeds", seeds, "--target", "900", "--out", dir, "--config", config];

        var reference = Path.Combine(_root, "si-reference");
        using (var uninterrupted = await ActorsProcess.RunAsync(Limit, null, Run(reference)))
        {
            Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Stderr);
        }

        var crashed = Path.Combine(_root, "si-crashed");
        var (kills, attempts) = await KillUntilDoneAsync(crashed, Run, new Random(1121));
        output.WriteLine($"{kills} kills over {attempts} attempts");
        Assert.Equal("completed", Status(crashed));
        foreach (var dataset in new[] { "instructions", "prompt_completion", "alpaca", "chat" })
        {
            var expected = await CanonicalRowsAsync(Path.Combine(reference, dataset));
            Assert.True(expected.Count > 0, $"the reference run wrote no {dataset} rows");
            Assert.Equal(expected, await CanonicalRowsAsync(Path.Combine(crashed, dataset)));
        }

        Assert.Equal(Counters(reference), Counters(crashed));
        Assert.Empty(Directory.GetFiles(crashed, "*.tmp", SearchOption.AllDirectories));
    }

    /// <summary>Starts (then resumes) the run, killing it at random moments or in the commit window, until it completes after at least 10 kills.</summary>
    private static async Task<(int Kills, int Attempts)> KillUntilDoneAsync(string dir, Func<string, string[]> run, Random random)
    {
        int kills = 0, attempts = 0;
        while (attempts < 60)
        {
            attempts++;
            bool started = File.Exists(Path.Combine(dir, "run.json"));
            // Most attempts die in the commit window after a random number of commits (sure to land mid-run however
            // fast the run is); every fourth is killed from outside at a random early moment.
            bool kill = kills < 12;
            bool inCommitWindow = kill && attempts % 4 != 0;
            var environment = inCommitWindow ? new Dictionary<string, string> { ["ACTORS_TEST_KILL_AFTER_PART_FILES"] = $"{1 + random.Next(25)}" } : null;
            using var process = ActorsProcess.Start(environment, started ? ["resume", dir] : run(dir));
            if (kill && !inCommitWindow)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 + random.Next(400)));
                if (!process.HasExited)
                {
                    process.Kill();
                }
            }

            await process.WaitAsync(Limit);
            if (process.ExitCode == 0)
            {
                Assert.True(kills >= 10, $"the run completed after only {kills} kills; make it longer so kills land mid-run");
                return (kills, attempts);
            }

            Assert.True(process.ExitCode == 137, $"attempt {attempts} exited {process.ExitCode}:\n{process.Stderr}");
            kills++;
        }

        throw new InvalidOperationException($"not finished after {attempts} attempts");
    }

    private static string RepositoryRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Actors.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("Actors.sln not found above the test binaries");
    }

    private static string Status(string dir) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!["status"]!.GetValue<string>();

    private static Dictionary<string, long> Counters(string dir) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!["counters"]!.AsObject()
            .ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<long>());

    private static List<string> Lines(string dir) =>
        [.. Directory.GetFiles(dir, "*.jsonl").SelectMany(File.ReadAllLines).Order(StringComparer.Ordinal)];

    /// <summary>Every row as text without the columns that legitimately differ between runs, sorted.</summary>
    private static async Task<List<string>> CanonicalRowsAsync(string dir)
    {
        var rows = new List<string>();
        foreach (var file in Directory.GetFiles(dir, "*.parquet"))
        {
            await using var reader = await ParquetReader.OpenAsync(file);
            await foreach (var row in reader.ReadRowsAsync())
            {
                rows.Add(JsonSerializer.Serialize(row.Where(kv => kv.Key is not ("run_id" or "created")).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary()));
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
