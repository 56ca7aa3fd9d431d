using System.Text.Json.Nodes;

namespace Actors.EndToEnd.Tests;

/// <summary>Output problems give one clear line and a store that a later resume completes.</summary>
public sealed class OutputFailureTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly string _root = Directory.CreateTempSubdirectory("actors-outfail-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task An_output_path_that_cannot_be_a_directory_is_a_clear_error()
    {
        var file = Path.Combine(_root, "not-a-directory");
        File.WriteAllText(file, "x");
        var corpus = Path.Combine(_root, "corpus");
        SyntheticCorpus.Write(corpus, shards: 1, documents: 5, seed: 1);
        using var run = await ActorsProcess.RunAsync(Limit, null, "run", "backtranslation", "--corpus", corpus, "--out", Path.Combine(file, "out"));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("not-a-directory", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_disk_stops_the_run_cleanly_and_resume_finishes_it_once_there_is_space()
    {
        // A small tmpfs is a real full disk; mounting needs root, which CI machines have.
        var mount = Path.Combine(_root, "small");
        Directory.CreateDirectory(mount);
        using (var mounting = System.Diagnostics.Process.Start("mount", ["-t", "tmpfs", "-o", "size=400k", "tmpfs", mount]))
        {
            await mounting.WaitForExitAsync();
            if (mounting.ExitCode != 0)
            {
                Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI=true but a tmpfs could not be mounted for the disk-full test (run as root).");
                return;
            }
        }

        try
        {
            var corpus = Path.Combine(_root, "corpus");
            SyntheticCorpus.Write(corpus, shards: 2, documents: 60, seed: 2);
            var output = Path.Combine(mount, "out");
            var config = Path.Combine(_root, "run.conf");
            File.WriteAllText(config, "actors.backtranslation.commit-batch = 4\nactors.metrics.enabled = false\n");
            using (var full = await ActorsProcess.RunAsync(Limit, null, "run", "backtranslation", "--corpus", corpus, "--out", output, "--config", config))
            {
                Assert.Equal(1, full.ExitCode);
                Assert.Contains("resume", full.Stderr, StringComparison.Ordinal);
                Assert.DoesNotContain("Unhandled exception", full.Stderr, StringComparison.Ordinal);
            }

            // Make room: copy what the full disk holds to a roomy place and resume there.
            var roomy = Path.Combine(_root, "roomy");
            CopyDirectory(output, roomy);
            using var resumed = await ActorsProcess.RunAsync(Limit, null, "resume", roomy);
            Assert.True(resumed.ExitCode == 0, resumed.Stderr);
            var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(roomy, "summary.json")))!;
            Assert.Equal("completed", summary["status"]!.GetValue<string>());
            Assert.Equal(120, summary["counters"]!["records.read"]!.GetValue<long>());
        }
        finally
        {
            using var unmount = System.Diagnostics.Process.Start("umount", [mount]);
            await unmount.WaitForExitAsync();
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
