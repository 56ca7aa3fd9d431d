using System.Diagnostics;
using System.Text.Json;
using Actors.Metrics.Collection;
using Actors.Metrics.Endpoint;
using Actors.Metrics.Snapshots;
using Actors.Metrics.Tests.TestKit;
using Xunit.Abstractions;

namespace Actors.Metrics.Tests;

/// <summary>The built <c>actors</c> CLI, run as a real process against a real endpoint and a run directory.</summary>
public sealed class WatchProcessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ActorsWatch_OnceJsonAndPlain_FromARealProcess()
    {
        string cli = Path.Combine(Repository.Root, "src", "Actors.Cli", "bin", "Debug", "net10.0", "actors.dll");
        if (!File.Exists(cli))
        {
            output.WriteLine($"skipped: {cli} is not built (dotnet build src/Actors.Cli)");
            return;
        }

        var help = await RunAsync(cli, ["watch", "--help"]);
        if (help.Exit != 0 || !help.Output.Contains("--metrics", StringComparison.Ordinal))
        {
            output.WriteLine("skipped: this build of the CLI has no watch command yet (CommandCatalog registers it)");
            return;
        }

        using var meter = new TestMeter();
        using var collector = new MetricsCollector(new MetricsCollectorOptions { Node = "proc-test" });
        string device = "gpu-" + meter.Id;
        meter.Meter.CreateCounter<long>($"actors.inference.{meter.Id}.requests").Add(4, new KeyValuePair<string, object?>("device", device));
        await using var endpoint = await MetricsEndpoint.StartAsync(new MetricsSettings { Port = 0 }, collector, CancellationToken.None);

        var json = await RunAsync(cli, ["watch", "--metrics", endpoint.Uri.ToString(), "--once", "--json"]);
        Assert.True(json.Exit == 0, json.Error);
        NoEscape.Assert(json.Output);
        using (var document = JsonDocument.Parse(json.Output))
        {
            var row = document.RootElement.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("device").GetString() == device);
            Assert.Equal(4, row.GetProperty("requests").GetDouble());
        }

        var dir = Directory.CreateTempSubdirectory("actors-watch-process");
        try
        {
            await new MetricsFileSink(dir.FullName).WriteAsync(collector.Collect(), CancellationToken.None);
            var plain = await RunAsync(cli, ["watch", dir.FullName, "--once"]);
            Assert.True(plain.Exit == 0, plain.Error);
            NoEscape.Assert(plain.Output);
            Assert.Contains($"device {device}: requests 4", plain.Output, StringComparison.Ordinal);

            var missing = await RunAsync(cli, ["watch", Path.Combine(dir.FullName, "absent"), "--once"]);
            Assert.Equal(1, missing.Exit);
            Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);

            var twoSources = await RunAsync(cli, ["watch", dir.FullName, "--metrics", endpoint.Uri.ToString(), "--once"]);
            Assert.Equal(2, twoSources.Exit);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string cli, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cli);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A terminal type that supports colour: the redirected output must still carry no control codes.
        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
