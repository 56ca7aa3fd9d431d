using System.Text.Json;

namespace Actors.Cli.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("actors-cli");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Help_ListsTheCommands()
    {
        var (exit, stdout, _) = await CliProcess.RunAsync("--help");
        Assert.Equal(0, exit);
        foreach (var command in new[] { "version", "config", "convert", "inspect" })
        {
            Assert.Contains(command, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ConfigShowJson_PrintsResolvedValues_InMillisecondsAndBytes()
    {
        var file = Write("node.conf", """
            base-size = 2MiB
            actors.parquet { page-size = ${base-size}, codec = "gz"ip }
            actors.streams.actor.ask-timeout = 1.5 minutes
            """);
        var (exit, stdout, stderr) = await CliProcess.RunAsync("config", "show", "--config", file, "--json");
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var actors = json.RootElement.GetProperty("actors");
        Assert.Equal(2 * 1024 * 1024, actors.GetProperty("parquet").GetProperty("page-size").GetInt64());
        Assert.Equal("gzip", actors.GetProperty("parquet").GetProperty("codec").GetString());
        Assert.Equal(90_000, actors.GetProperty("streams").GetProperty("actor").GetProperty("ask-timeout").GetInt64());
        Assert.Equal(16, actors.GetProperty("streams").GetProperty("default-buffer-size").GetInt64());
    }

    [Theory]
    [InlineData("actors.streams { default-buffer-size = 16\n", "bad syntax")]
    [InlineData("actors.streams.default-bufer-size = 16\n", "unknown key")]
    [InlineData("actors.streams.default-buffer-size = lots\n", "wrong type")]
    [InlineData("include required(\"missing.conf\")\n", "missing include")]
    [InlineData("a = ${b}\nb = ${a}\n", "cycle")]
    public async Task BrokenConfiguration_ExitsWithCode2_AndOneMessageNamingFileAndLine(string text, string what)
    {
        var file = Write("broken.conf", text);
        var (exit, _, stderr) = await CliProcess.RunAsync("config", "show", "--config", file);
        Assert.True(exit == 2, $"{what}: exit {exit}, stderr {stderr}");
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Matches(@"broken\.conf:\d+", lines[0]);
    }

    [Theory]
    [InlineData("self-instruct --corpus x.jsonl", "--corpus do not apply to recipe self-instruct")]
    [InlineData("self-instruct --seeds s.jsonl", "needs --seeds FILE and --target N")]
    [InlineData("backtranslation --corpus x.jsonl --target 5", "--target do not apply to recipe backtranslation")]
    [InlineData("nonsense --corpus x.jsonl", "unknown recipe 'nonsense'")]
    public async Task Feed_RefusesOptionsOfAnotherRecipe_BeforeTouchingTheStore(string arguments, string message)
    {
        // The store is unreachable on purpose: these mistakes must be reported without connecting.
        string[] args = ["feed", "--store", "Host=127.0.0.1;Port=1;Username=none", "--job", "j", "--out", Path.Combine(_dir.FullName, "out"), "--recipe", .. arguments.Split(' ')];
        var (exit, _, stderr) = await CliProcess.RunAsync(args);
        Assert.True(exit == 2, $"exit {exit}, stderr {stderr}");
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_SumsUpTheShards_AndListsDoneOnesOnlyForSmallRuns()
    {
        // 45 one-document corpus files: a run with more shards than status lists one by one.
        var corpus = Directory.CreateDirectory(Path.Combine(_dir.FullName, "corpus")).FullName;
        for (int i = 0; i < 45; i++)
        {
            var text = $"Shard {i} explains how to keep a garden path clear of moss. Brush it in dry weather, scrape the joints, and rinse with water. Repeat every spring so the stones stay safe to walk on.";
            File.WriteAllText(Path.Combine(corpus, $"part-{i:D2}.jsonl"), JsonSerializer.Serialize(new { id = $"d{i}", url = $"https://example.org/{i}", text }) + "\n");
        }

        var output = Path.Combine(_dir.FullName, "out");
        var (runExit, _, runErr) = await CliProcess.RunAsync("run", "backtranslation", "--corpus", corpus, "--out", output);
        Assert.True(runExit == 0, runErr);

        var (exit, stdout, stderr) = await CliProcess.RunAsync("status", output);
        Assert.True(exit == 0, stderr);
        Assert.Contains("shards: 45 (45 done, 0 pending, 0 failed); records committed 45", stdout, StringComparison.Ordinal);
        Assert.Contains("(45 done shards not listed)", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("part-07.jsonl", stdout, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
