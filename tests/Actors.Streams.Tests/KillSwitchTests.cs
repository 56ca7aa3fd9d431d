using System.Threading.Channels;
using Actors.Streams.Dsl;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests;

public sealed class KillSwitchTests
{
    [Fact]
    public async Task Shutdown_CompletesSources_AndDrainsWhatIsInFlight()
    {
        var input = Channel.CreateUnbounded<int>();
        for (var i = 0; i < 5; i++)
        {
            input.Writer.TryWrite(i);
        }

        var run = Source.FromChannel(input.Reader).Select(x => x * 2).RunWith(Sink.ToList<int>());
        await Eventually.TrueAsync(() => run.Stages.Any(s => s.Stage.EndsWith("select", StringComparison.Ordinal) && s.Out == 5), "five through");
        run.KillSwitch.Shutdown();
        Assert.Equal([0, 2, 4, 6, 8], await run.Materialized.Within());
        await run.Completion.Within();
        Assert.Equal(0, run.RunningStages);
    }

    [Fact]
    public async Task Abort_FailsTheRunWithTheReason_AndStopsEveryStage()
    {
        var run = Source.From(Enumerable.Repeat(1, int.MaxValue))
            .SelectAsync(4, async (x, ct) => { await Task.Delay(Timeout.Infinite, ct); return x; })
            .RunWith(Sink.Ignore<int>());
        await Eventually.TrueAsync(() => run.Stages.Any(s => s.InFlight == 4), "calls in flight");
        var reason = new InvalidOperationException("operator pressed stop");
        run.KillSwitch.Abort(reason);
        Assert.Same(reason, await Assert.ThrowsAsync<InvalidOperationException>(() => run.Completion.Within()));
        Assert.Same(reason, await Assert.ThrowsAsync<InvalidOperationException>(() => run.Materialized.Within()));
        Assert.Equal(0, run.RunningStages);
    }

    [Fact]
    public async Task CancellationToken_AbortsTheRun()
    {
        using var cts = new CancellationTokenSource();
        var run = Source.From(Enumerable.Repeat(1, int.MaxValue)).Select(x => x).RunWith(Sink.Ignore<int>(), cancellationToken: cts.Token);
        await Eventually.TrueAsync(() => run.Stages.Any(s => s.Out > 100), "running");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.Completion.Within());
        Assert.Equal(0, run.RunningStages);
    }
}
