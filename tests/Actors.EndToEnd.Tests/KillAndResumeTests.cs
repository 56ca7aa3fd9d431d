using Xunit.Abstractions;
using static Actors.EndToEnd.Tests.RunOutputs;

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
        var (kills, attempts) = await KillUntilDoneAsync(crashed, Run, new Random(20261121));
        output.WriteLine($"{kills} kills over {attempts} attempts");
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
        await AssertSameSelfInstructRowsAsync(reference, crashed);

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
}
