using Actors.Streams.Dsl;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Stages;

public sealed class BalanceTests
{
    [Fact]
    public async Task Balance_EveryElementGoesToExactlyOneWorker()
    {
        var run = Source.Range(0, 1000)
            .Via(Flow.Balance(4, Flow.SelectAsync<int, int>(1, async (x, _) => { await Task.Yield(); return x; })))
            .RunWith(Sink.ToList<int>());
        Assert.Equal(Enumerable.Range(0, 1000), (await run.Materialized.Within()).Order());
    }

    [Fact]
    public async Task Balance_AStuckWorker_DoesNotHoldUpTheOthers()
    {
        using var stuck = new Gate();
        var stuckTook = 0;
        var freeTook = 0;
        var slow = Flow.SelectAsync<int, int>(1, async (x, ct) => { Interlocked.Increment(ref stuckTook); await stuck.PassAsync(ct); return x; });
        var free = Flow.Select<int, int>(x => { Interlocked.Increment(ref freeTook); return x; });
        var received = 0;
        var run = Source.Range(0, 100).Via(Flow.Balance(slow, free))
            .RunWith(Sink.ForEach<int>(_ => Interlocked.Increment(ref received)), new RunOptions { DefaultBufferSize = 2 });

        // The stuck branch holds at most 4 (one in its call, two in its edge, one in its feeder's hand);
        // the free worker takes all the rest.
        await Eventually.TrueAsync(() => Volatile.Read(ref received) >= 96, "the free worker took the rest");
        Assert.Equal(1, Volatile.Read(ref stuckTook));
        Assert.InRange(Volatile.Read(ref freeTook), 96, 99);

        stuck.Open(100);
        Assert.Equal(100, await run.Materialized.Within());
    }
}
