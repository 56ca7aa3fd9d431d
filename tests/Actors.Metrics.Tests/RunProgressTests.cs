using Actors.Metrics.Collection;
using Actors.Metrics.Progress;
using Actors.Metrics.Terminal;
using Actors.Metrics.Tests.TestKit;
using Spectre.Console;

namespace Actors.Metrics.Tests;

public sealed class RunProgressTests
{
    [Fact]
    public void Stages_KeepTheirOrder_AndEstimateTheirEta()
    {
        var clock = new ManualClock();
        using var progress = new RunProgress("r", clock);
        var generate = progress.Stage("generate", expected: 100);
        var filter = progress.Stage("filter");
        Assert.Same(generate, progress.Stage("generate"));

        generate.Advance(10);
        clock.Advance(TimeSpan.FromSeconds(5));
        generate.Advance(10);

        Assert.Equal(["generate", "filter"], progress.Stages.Select(s => s.Name));
        Assert.Equal(4, generate.PerSecond);
        Assert.Equal(TimeSpan.FromSeconds(20), generate.Eta);
        Assert.Null(filter.Eta);
        Assert.Equal(TimeSpan.Zero, filter.Elapsed);

        generate.Complete();
        clock.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal(TimeSpan.Zero, generate.Eta);
        Assert.Equal(TimeSpan.FromSeconds(5), generate.Elapsed);
    }

    [Fact]
    public void Counters_AddUpAcrossThreads()
    {
        using var progress = new RunProgress("r");
        Parallel.For(0, 1000, i => progress.Increment(i % 2 == 0 ? "accepted" : "dropped"));
        Assert.Equal(500, progress.Counter("accepted"));
        Assert.Equal(["accepted", "dropped"], progress.Counters.Select(c => c.Key).Order());
    }

    [Fact]
    public void Progress_IsPublishedOnTheRunMeter_UntilDisposed()
    {
        var clock = new ManualClock();
        using var collector = new MetricsCollector();
        string run = "run-" + Guid.NewGuid().ToString("N");
        var progress = new RunProgress(run, clock);
        progress.Stage("label", expected: 40).Advance(8);
        clock.Advance(TimeSpan.FromSeconds(2));

        var snapshot = collector.Collect();
        Assert.Equal(8, snapshot.Find("actors_run_stage_done_total")!.Series.Single(s => s.Label("run") == run).Value);
        Assert.Equal(40, snapshot.Find("actors_run_stage_expected")!.Series.Single(s => s.Label("run") == run).Value);
        Assert.Equal(2, snapshot.Find("actors_run_stage_elapsed_seconds")!.Series.Single(s => s.Label("run") == run).Value);

        progress.Dispose();
        Assert.DoesNotContain(collector.Collect().Find("actors_run_stage_done_total")?.Series ?? [], s => s.Label("run") == run);
    }

    [Fact]
    public async Task NonInteractive_WritesOnePlainLinePerInterval_AndAFinalLine()
    {
        var clock = new ManualClock();
        using var progress = new RunProgress("self\u001b[1minstruct", clock);
        var stdout = new StringWriter();
        var reporter = RunProgressReporter.Start(progress, TerminalOutput.Plain(stdout), new RunProgressReporterOptions { PlainInterval = TimeSpan.FromSeconds(10) });
        var generate = progress.Stage("generate", expected: 200);
        generate.Advance(50);
        progress.Increment("accepted", 40);
        progress.Increment("dropped", 10);

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(stdout.ToString());
        clock.Advance(TimeSpan.FromSeconds(1));
        generate.Advance(50);
        progress.Stage("export").Complete();
        clock.Advance(TimeSpan.FromSeconds(10));
        await reporter.DisposeAsync();

        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("[self?[1minstruct] 10s | generate 50/200 (25.0%) 5/s ETA 30s | accepted=40 dropped=10", lines[0]);
        Assert.Equal("[self?[1minstruct] 20s | generate 100/200 (50.0%) 5/s ETA 20s | export 0 done | accepted=40 dropped=10", lines[1]);
        Assert.Equal(lines[1], lines[2]);
        NoEscape.Assert(stdout.ToString());
        Assert.Equal(0, clock.ArmedTimers);
    }

    [Fact]
    public async Task Interactive_DrawsProgressBars()
    {
        var writer = new StringWriter();
        var console = TestConsoles.Interactive(writer);
        using var progress = new RunProgress("r");
        var reporter = RunProgressReporter.Start(progress, TerminalOutput.Interactive(console, writer));
        progress.Stage("generate", expected: 10).Advance(5);
        progress.Increment("accepted");
        await reporter.DisposeAsync();

        string text = writer.ToString();
        Assert.Contains("generate 5/10", text, StringComparison.Ordinal);
        Assert.Contains("accepted=1", text, StringComparison.Ordinal);
        Assert.Contains('\u001b', text);
    }
}
