using Actors.Streams.Dsl;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Stages;

public sealed class BroadcastTests
{
    [Fact]
    public async Task Broadcast_EveryBranchSeesEveryElement()
    {
        var run = Source.Range(1, 50)
            .Via(Flow.Broadcast<int, (string, int)>(Flow.Select<int, (string, int)>(x => ("a", x)), Flow.Select<int, (string, int)>(x => ("b", x))))
            .RunWith(Sink.ToList<(string Branch, int Value)>());
        var result = await run.Materialized.Within();
        Assert.Equal(Enumerable.Range(1, 50), result.Where(r => r.Branch == "a").Select(r => r.Value));
        Assert.Equal(Enumerable.Range(1, 50), result.Where(r => r.Branch == "b").Select(r => r.Value));
    }

    [Fact]
    public async Task Broadcast_TheSlowestBranchGatesTheFastOne()
    {
        using var gate = new Gate();
        var fastSeen = 0;
        var slow = Flow.SelectAsync<int, int>(1, async (x, ct) => { await gate.PassAsync(ct); return x; });
        var fast = Flow.Select<int, int>(x => { Interlocked.Increment(ref fastSeen); return x; });
        var run = Source.Range(1, 1000).Via(Flow.Broadcast(slow, fast))
            .RunWith(Sink.Ignore<int>(), new RunOptions { DefaultBufferSize = 2 });

        await Eventually.TrueAsync(() => Volatile.Read(ref fastSeen) > 0, "fast branch started");
        // Let the system settle, then check the fast branch is held to a bounded lead.
        await Eventually.TrueAsync(() => run.Stages.Single(s => s.Stage.EndsWith("broadcast", StringComparison.Ordinal)).Out >= 6, "broadcast filled the slow branch");
        Assert.InRange(Volatile.Read(ref fastSeen), 1, 12);

        gate.Open(1000);
        Assert.Equal(2000, await run.Materialized.Within());
    }

    [Fact]
    public async Task Broadcast_KeepsFeedingLiveBranches_AfterOneCancels()
    {
        var run = Source.Range(1, 100)
            .Via(Flow.Broadcast(Flow.Take<int>(5), Flow.Create<int>()))
            .RunWith(Sink.ToList<int>());
        var result = await run.Materialized.Within();
        Assert.Equal(105, result.Count);
    }
}
