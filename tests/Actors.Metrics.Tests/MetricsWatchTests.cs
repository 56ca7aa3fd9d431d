using System.Diagnostics.Metrics;
using System.Text.Json;
using Actors.Metrics.Collection;
using Actors.Metrics.Dashboard;
using Actors.Metrics.Endpoint;
using Actors.Metrics.Progress;
using Actors.Metrics.Prometheus;
using Actors.Metrics.Snapshots;
using Actors.Metrics.Terminal;
using Actors.Metrics.Tests.TestKit;
using Spectre.Console;

namespace Actors.Metrics.Tests;

/// <summary><c>actors watch</c> logic against a real endpoint, a run directory and scripted sources.</summary>
public sealed class MetricsWatchTests
{
    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    [Fact]
    public async Task OnceJson_AgainstARunningEndpoint_ShowsDevicesQualityAndProgress()
    {
        using var meter = new TestMeter();
        using var collector = new MetricsCollector();
        string device = "gpu-" + meter.Id;
        var requests = meter.Meter.CreateCounter<long>($"actors.inference.{meter.Id}.requests", "{request}");
        var tokens = meter.Meter.CreateCounter<long>($"actors.inference.{meter.Id}.tokens", "{token}");
        var latency = meter.Meter.CreateHistogram<double>($"actors.inference.{meter.Id}.latency", "s");
        var accepted = meter.Meter.CreateCounter<long>($"actors.pipeline.{meter.Id}.accepted");
        var dropped = meter.Meter.CreateCounter<long>($"actors.pipeline.{meter.Id}.dropped");
        requests.Add(12, Tag("device", device), Tag("model", "tiny"));
        tokens.Add(3400, Tag("device", device), Tag("model", "tiny"));
        latency.Record(0.2, Tag("device", device), Tag("model", "tiny"));
        accepted.Add(30);
        dropped.Add(10, Tag("reason", "too_short"));
        var clock = new ManualClock();
        using var progress = new RunProgress("run-" + meter.Id, clock);
        var stage = progress.Stage("generate", expected: 100);
        stage.Advance(25);
        clock.Advance(TimeSpan.FromSeconds(5));

        await using var endpoint = await MetricsEndpoint.StartAsync(new MetricsSettings { Port = 0 }, collector, CancellationToken.None);
        using var source = new PrometheusScrapeSource(endpoint.Uri);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int exit = await MetricsWatch.RunAsync(source, TerminalOutput.Plain(stdout, stderr), new WatchOptions { Once = true, Json = true }, CancellationToken.None);

        Assert.True(exit == 0, stderr.ToString());
        string json = stdout.ToString();
        NoEscape.Assert(json);
        Assert.Single(json.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var gpu = root.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("device").GetString() == device);
        Assert.Equal(12, gpu.GetProperty("requests").GetDouble());
        Assert.Equal(3400, gpu.GetProperty("tokens").GetDouble());
        Assert.Equal("tiny", gpu.GetProperty("models").GetString());
        Assert.Equal(200, gpu.GetProperty("latencyMs").GetDouble(), 6);
        var run = root.GetProperty("progress").EnumerateArray().Single(p => p.GetProperty("run").GetString() == "run-" + meter.Id);
        Assert.Equal(25, run.GetProperty("done").GetDouble());
        Assert.Equal(100, run.GetProperty("expected").GetDouble());
        Assert.Equal(5, run.GetProperty("perSecond").GetDouble(), 6);
        Assert.Equal(15, run.GetProperty("etaSeconds").GetDouble(), 6);
        Assert.True(root.GetProperty("quality").GetProperty("accepted").GetDouble() >= 30);
        Assert.Equal(endpoint.Uri.Authority, root.GetProperty("nodes")[0].GetProperty("node").GetString());
    }

    [Fact]
    public async Task OncePlain_FromARunDirectory_HasNoControlCodes_EvenWithHostileLabels()
    {
        using var meter = new TestMeter();
        using var collector = new MetricsCollector(new MetricsCollectorOptions { Node = "node\u001b[31m" });
        meter.Meter.CreateCounter<long>($"actors.inference.{meter.Id}.requests").Add(3, Tag("device", "gpu\u001b[2J0"));
        var dir = Directory.CreateTempSubdirectory("actors-watch");
        try
        {
            await new MetricsFileSink(dir.FullName).WriteAsync(collector.Collect(), CancellationToken.None);
            var stdout = new StringWriter();

            int exit = await MetricsWatch.RunAsync(new MetricsFileSource(dir.FullName), TerminalOutput.Plain(stdout), new WatchOptions { Once = true }, CancellationToken.None);

            Assert.Equal(0, exit);
            string text = stdout.ToString();
            NoEscape.Assert(text);
            Assert.Contains("device gpu?[2J0", text, StringComparison.Ordinal);
            Assert.Contains("requests 3", text, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Once_WhenTheSourceIsUnavailable_ExitsWith1AndSaysWhy()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var source = new MetricsFileSource(Path.Combine(Path.GetTempPath(), "no-such-run-" + Guid.NewGuid().ToString("N")));

        int exit = await MetricsWatch.RunAsync(source, TerminalOutput.Plain(stdout, stderr), new WatchOptions { Once = true, Json = true }, CancellationToken.None);

        Assert.Equal(MetricsWatch.SourceUnavailable, exit);
        Assert.Empty(stdout.ToString());
        Assert.Contains("does not exist", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_NonInteractive_WritesPlainLinesEachInterval_WithRatesFromTheSecondRead()
    {
        var clock = new ManualClock();
        var source = new ScriptedSource(clock);
        var stdout = new StringWriter();
        using var stop = new CancellationTokenSource();

        var watch = MetricsWatch.RunAsync(source, TerminalOutput.Plain(stdout), new WatchOptions { Interval = TimeSpan.FromSeconds(2), TimeProvider = clock }, stop.Token);
        await source.WaitForReadsAsync(1);
        await clock.WaitForArmedTimersAsync(1);
        clock.Advance(TimeSpan.FromSeconds(2));
        await source.WaitForReadsAsync(2);
        await clock.WaitForArmedTimersAsync(1);
        await stop.CancelAsync();

        Assert.Equal(0, await watch);
        string text = stdout.ToString();
        NoEscape.Assert(text);
        var stageLines = text.Split('\n').Where(l => l.Contains("stage g/s:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, stageLines.Length);
        Assert.Contains("in 10 (-)", stageLines[0], StringComparison.Ordinal);
        Assert.Contains("in 30 (10/s)", stageLines[1], StringComparison.Ordinal);
        Assert.Contains("window 2s", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_ASnapshotReadAgainUnchanged_KeepsItsRates()
    {
        var clock = new ManualClock();
        var source = new SequenceSource([(0, 10), (5, 30), (5, 30)]);
        var stdout = new StringWriter();
        using var stop = new CancellationTokenSource();

        var watch = MetricsWatch.RunAsync(source, TerminalOutput.Plain(stdout), new WatchOptions { Json = true, TimeProvider = clock }, stop.Token);
        for (int read = 1; read <= 3; read++)
        {
            await source.WaitForReadsAsync(read);
            await clock.WaitForArmedTimersAsync(1);
            if (read < 3)
            {
                clock.Advance(TimeSpan.FromSeconds(2));
            }
        }

        await stop.CancelAsync();
        await watch;
        var rates = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("stages")[0].GetProperty("inPerSecond"))
            .Select(rate => rate.ValueKind == JsonValueKind.Null ? (double?)null : rate.GetDouble())
            .ToArray();
        Assert.Equal([null, 4.0, 4.0], rates);
    }

    [Fact]
    public async Task Live_JsonLines_OneObjectPerRead()
    {
        var clock = new ManualClock();
        var source = new ScriptedSource(clock);
        var stdout = new StringWriter();
        using var stop = new CancellationTokenSource();

        var watch = MetricsWatch.RunAsync(source, TerminalOutput.Plain(stdout), new WatchOptions { Json = true, TimeProvider = clock }, stop.Token);
        await source.WaitForReadsAsync(1);
        await clock.WaitForArmedTimersAsync(1);
        clock.Advance(TimeSpan.FromSeconds(2));
        await source.WaitForReadsAsync(2);
        await clock.WaitForArmedTimersAsync(1);
        await stop.CancelAsync();
        await watch;

        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(10, second.RootElement.GetProperty("stages")[0].GetProperty("inPerSecond").GetDouble());
    }

    [Fact]
    public async Task Interactive_OnceRendersTables()
    {
        var writer = new StringWriter();
        var console = TestConsoles.Interactive(writer, width: 160);

        int exit = await MetricsWatch.RunAsync(new ScriptedSource(new ManualClock()), TerminalOutput.Interactive(console, writer), new WatchOptions { Once = true }, CancellationToken.None);

        Assert.Equal(0, exit);
        string text = writer.ToString();
        Assert.Contains("Stages", text, StringComparison.Ordinal);
        Assert.Contains("Quality", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactive_LiveDisplay_RefreshesUntilCancelled()
    {
        var writer = new StringWriter();
        var console = TestConsoles.Interactive(writer, width: 160);
        var clock = new ManualClock();
        var source = new ScriptedSource(clock);
        using var stop = new CancellationTokenSource();

        var watch = MetricsWatch.RunAsync(source, TerminalOutput.Interactive(console, writer), new WatchOptions { TimeProvider = clock }, stop.Token);
        await source.WaitForReadsAsync(1);
        await clock.WaitForArmedTimersAsync(1);
        clock.Advance(TimeSpan.FromSeconds(2));
        await source.WaitForReadsAsync(2);
        await clock.WaitForArmedTimersAsync(1);
        await stop.CancelAsync();

        Assert.Equal(0, await watch);
        string text = writer.ToString();
        Assert.Contains("10/s", text, StringComparison.Ordinal);
        Assert.Contains('\u001b', text);
    }

    /// <summary>A source that returns given (seconds, value) snapshots in turn, the last one forever.</summary>
    private sealed class SequenceSource((double Seconds, double Value)[] steps) : IMetricsSnapshotSource
    {
        private readonly SemaphoreSlim _reads = new(0);
        private int _count;

        public string Description => "sequence";

        public ValueTask<MetricsReadResult> ReadAsync(CancellationToken cancellationToken)
        {
            int n = Interlocked.Increment(ref _count);
            var (seconds, value) = steps[Math.Min(n, steps.Length) - 1];
            var snapshot = new MetricsSnapshot
            {
                Time = DateTimeOffset.UnixEpoch.AddSeconds(seconds),
                Families =
                [
                    new MetricFamily
                    {
                        Name = "actors_stream_stage_in_total",
                        Type = MetricType.Counter,
                        Series = [new MetricSeries { Labels = new Dictionary<string, string> { ["graph"] = "g", ["stage"] = "s" }, Value = value }],
                    },
                ],
            };
            _reads.Release();
            return ValueTask.FromResult(MetricsReadResult.Succeeded([snapshot]));
        }

        public async Task WaitForReadsAsync(int total)
        {
            while (Volatile.Read(ref _count) < total)
            {
                Assert.True(await _reads.WaitAsync(TimeSpan.FromSeconds(20)), "the watch did not read");
            }
        }
    }

    /// <summary>A source whose counter grows by 20 per read; it signals each read so tests wait on events, not time.</summary>
    private sealed class ScriptedSource(TimeProvider clock) : IMetricsSnapshotSource
    {
        private readonly SemaphoreSlim _reads = new(0);
        private int _count;

        public string Description => "scripted";

        public ValueTask<MetricsReadResult> ReadAsync(CancellationToken cancellationToken)
        {
            int n = Interlocked.Increment(ref _count);
            var snapshot = new MetricsSnapshot
            {
                Time = clock.GetUtcNow(),
                Families =
                [
                    new MetricFamily
                    {
                        Name = "actors_stream_stage_in_total",
                        Type = MetricType.Counter,
                        Series = [new MetricSeries { Labels = new Dictionary<string, string> { ["graph"] = "g", ["stage"] = "s" }, Value = (20 * n) - 10 }],
                    },
                    new MetricFamily { Name = "actors_pipeline_accepted_total", Type = MetricType.Counter, Series = [new MetricSeries { Value = n }] },
                ],
            };
            _reads.Release();
            return ValueTask.FromResult(MetricsReadResult.Succeeded([snapshot]));
        }

        public async Task WaitForReadsAsync(int total)
        {
            while (Volatile.Read(ref _count) < total)
            {
                Assert.True(await _reads.WaitAsync(TimeSpan.FromSeconds(20)), "the watch did not read");
            }
        }
    }
}
