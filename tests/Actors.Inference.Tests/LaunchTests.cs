using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Actors.FakeLlm;

namespace Actors.Inference.Tests;

/// <summary>
/// A device with a <c>launch</c> command: a small shell script standing in for a model server starts the real fake-llm
/// process. The actor launches it with CUDA_VISIBLE_DEVICES, restarts it when it is killed, stops it on shutdown.
/// </summary>
public sealed class LaunchTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("actors-launch");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task LaunchedServer_IsStartedOnItsGpu_RestartedWhenKilled_StoppedOnShutdown()
    {
        if (!OperatingSystem.IsLinux())
        {
            Console.WriteLine("skipped: launching uses /bin/sh and /proc (Linux)");
            return;
        }

        var port = FreePort();
        var pids = Path.Combine(_dir.FullName, "pids");
        var script = Path.Combine(_dir.FullName, "server.sh");
        await File.WriteAllTextAsync(script, $"""
            #!/bin/sh
            # Stands in for `vllm serve`: records who it is and which GPU it was given, then becomes the server.
            echo $$ >> "{pids}"
            echo "${"{"}CUDA_VISIBLE_DEVICES:-unset{"}"}" > "{_dir.FullName}/cuda"
            exec dotnet "{typeof(FakeLlmServer).Assembly.Location}" --port {port} --model {TestDevices.Model}
            """);
        var log = new LogLines();
        var launchLog = Path.Combine(_dir.FullName, "server.log");
        var settings = TestDevices.Settings(
            d => d with { Launch = $"sh '{script}'", Gpu = "3", LaunchLog = launchLog },
            ("gpu3", new Uri($"http://127.0.0.1:{port}/v1"))) with
        {
            // A request sent right after the kill may hit the dead port before the device notices the exit; give it
            // a retry budget longer than a relaunch (a dotnet start, slower on a loaded machine).
            Retry = new RetrySettings { MaxAttempts = 40, MinBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(500) },
        };
        var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions { Log = log.Add }, CancellationToken.None);
        try
        {
            // Requests sent while the server starts wait for it.
            var early = router.CompleteAsync(TestDevices.Prompt(0), CancellationToken.None);
            using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                await router.WaitUntilHealthyAsync(cts.Token);
            }

            Assert.IsType<InferenceOutcome.Succeeded>(await early);
            Assert.Equal("3", (await File.ReadAllTextAsync(Path.Combine(_dir.FullName, "cuda"))).Trim());
            Assert.Contains("listening", await File.ReadAllTextAsync(launchLog), StringComparison.Ordinal);
            var first = int.Parse((await File.ReadAllLinesAsync(pids)).Single(), CultureInfo.InvariantCulture);

            // Kill the server the way the OOM killer would.
            var healthyAgain = log.Next(l => l.Contains("'gpu3' healthy", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            using (var server = Process.GetProcessById(first))
            {
                server.Kill();
            }

            var during = router.CompleteAsync(TestDevices.Prompt(1), CancellationToken.None);
            await healthyAgain;
            Assert.Contains(log.Lines, l => l.Contains("server exited", StringComparison.Ordinal));
            Assert.IsType<InferenceOutcome.Succeeded>(await during);
            Assert.IsType<InferenceOutcome.Succeeded>(await router.CompleteAsync(TestDevices.Prompt(2), CancellationToken.None));
            var lines = await File.ReadAllLinesAsync(pids);
            Assert.Equal(2, lines.Length);
            Assert.True(router.Devices[0].Restarts >= 1);
            var second = int.Parse(lines[1], CultureInfo.InvariantCulture);
            Assert.NotEqual(first, second);
            Assert.True(IsRunning(second));

            await router.DisposeAsync();
            Assert.False(IsRunning(second), "the launched server still runs after the router stopped");
            Assert.Null(router.Devices[0].ServerProcessId);
        }
        finally
        {
            await router.DisposeAsync();
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            // A zombie (exited, not yet reaped by its new parent) is not running.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
