using Actors.Streams.Dsl;
using Actors.Streams.Stages;
using Actors.Streams.Supervision;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Stages;

public sealed class BufferTests
{
    // The sink holds back until the gate opens, so the buffer fills deterministically: the whole
    // source has been offered to the buffer once its "in" count reaches the source's size.
    private static async Task<(IReadOnlyList<int> Received, List<DeadLetter> Letters, long Dropped)> RunFullAsync(OverflowStrategy strategy)
    {
        using var gate = new Gate();
        var letters = new List<DeadLetter>();
        var received = new List<int>();
        var run = Source.Range(1, 10).Buffer(3, strategy).Named("buf")
            .RunWith(Sink.ForEachAsync<int>(async (x, ct) =>
            {
                await gate.PassAsync(ct);
                received.Add(x);
            }).Named("slow"), new RunOptions { DefaultBufferSize = 1, DeadLetters = l => { lock (letters) { letters.Add(l); } } });

        await Eventually.TrueAsync(() => run.Stages.Single(s => s.Stage == "buf").In == 10, "all offered to the buffer");
        gate.Open(100);
        await run.Completion.Within();
        return (received, letters, run.Stages.Single(s => s.Stage == "buf").Dropped);
    }

    [Fact]
    public async Task Buffer_DropHead_KeepsTheNewest()
    {
        var (received, letters, dropped) = await RunFullAsync(OverflowStrategy.DropHead);
        Assert.Equal(10, received.Count + dropped);
        Assert.Equal([8, 9, 10], received.TakeLast(3));
        Assert.Equal(dropped, letters.Count);
        Assert.All(letters, l => Assert.Equal("buffer:drop-head", l.Reason));
    }

    [Fact]
    public async Task Buffer_DropNew_KeepsTheOldest()
    {
        var (received, letters, dropped) = await RunFullAsync(OverflowStrategy.DropNew);
        Assert.Equal(10, received.Count + dropped);
        Assert.DoesNotContain(10, received);
        Assert.Equal(dropped, letters.Count);
    }

    [Fact]
    public async Task Buffer_DropTail_ReplacesTheYoungestBuffered()
    {
        var (received, letters, dropped) = await RunFullAsync(OverflowStrategy.DropTail);
        Assert.Equal(10, received.Count + dropped);
        Assert.Equal(10, received[^1]);
        Assert.True(dropped > 0);
        Assert.Equal(dropped, letters.Count);
    }

    [Fact]
    public async Task Buffer_DropBuffer_ClearsAndKeepsTheArrival()
    {
        var (received, letters, dropped) = await RunFullAsync(OverflowStrategy.DropBuffer);
        Assert.Equal(10, received.Count + dropped);
        Assert.Contains(10, received);
        Assert.All(letters, l => Assert.Equal("buffer:drop-buffer", l.Reason));
    }

    [Fact]
    public async Task Buffer_Fail_FailsWhenFull()
    {
        using var gate = new Gate();
        var run = Source.Range(1, 10).Buffer(2, OverflowStrategy.Fail).Named("buf")
            .RunWith(Sink.ForEachAsync<int>((_, ct) => gate.PassAsync(ct)), new RunOptions { DefaultBufferSize = 1 });
        await Eventually.TrueAsync(() => run.Stages.Single(s => s.Stage == "buf").Failed == 1, "the buffer overflowed");
        // The failure reaches the sink after the elements buffered before it.
        gate.Open(10);
        await Assert.ThrowsAsync<BufferOverflowException>(() => run.Completion.Within());
        // The two buffered elements, plus the one the sink held if it had taken one before the overflow.
        Assert.InRange(gate.Passed, 2, 3);
    }

    [Fact]
    public async Task Buffer_Backpressure_LosesNothing()
    {
        var run = Source.Range(1, 1000).Buffer(7, OverflowStrategy.Backpressure)
            .SelectAsync(1, async (x, _) => { await Task.Yield(); return x; })
            .RunWith(Sink.ToList<int>());
        Assert.Equal(Enumerable.Range(1, 1000), await run.Materialized.Within());
    }
}
