using System.Text.Json.Nodes;

namespace Actors.EndToEnd.Tests;

/// <summary>SIGTERM (and Ctrl-C) drain: in-flight work is committed, the process exits 0, resume finishes the run.</summary>
public sealed class DrainTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly string _root = Directory.CreateTempSubdirectory("actors-drain-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task First_sigterm_drains_and_commits_then_resume_completes()
    {
        var corpus = Path.Combine(_root, "corpus");
        SyntheticCorpus.Write(corpus, shards: 2, documents: 300, seed: 5);
        var config = Path.Combine(_root, "slow.conf");
        File.WriteAllText(config, "actors.backtranslation { commit-batch = 1, parallelism = 2 }\nactors.metrics.enabled = false\n");
        var output = Path.Combine(_root, "out");
        using (var run = ActorsProcess.Start(null, "run", "backtranslation", "--corpus", corpus, "--out", output, "--config", config))
        {
            var deadline = DateTime.UtcNow + Limit;
            // Signal once the first commit has landed (its part file is renamed into place), so there is
            // committed work before the drain and uncommitted work after it.
            var candidates = Path.Combine(output, "candidates");
            while (!(Directory.Exists(candidates) && Directory.EnumerateFiles(candidates, "*.parquet").Any()))
            {
                Assert.True(DateTime.UtcNow < deadline && !run.HasExited, $"the run committed nothing:\n{run.Stderr}");
                await Task.Delay(20);
            }

            using (var term = System.Diagnostics.Process.Start("kill", ["-TERM", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            await run.WaitAsync(Limit);
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Contains("draining", run.Stderr, StringComparison.Ordinal);
        }

        var drained = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!;
        Assert.Equal("drained", drained["status"]!.GetValue<string>());
        long before = drained["records_committed"]!.GetValue<long>();
        Assert.InRange(before, 1, 599);

        using var resumed = await ActorsProcess.RunAsync(Limit, null, "resume", output);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        var done = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!;
        Assert.Equal("completed", done["status"]!.GetValue<string>());
        Assert.Equal(600, done["records_committed"]!.GetValue<long>());
    }
}
