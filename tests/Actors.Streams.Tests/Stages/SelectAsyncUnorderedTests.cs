using Actors.Streams.Dsl;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Stages;

public sealed class SelectAsyncUnorderedTests
{
    [Fact]
    public async Task SelectAsyncUnordered_EmitsInCompletionOrder()
    {
        var calls = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var started = 0;
        var run = Source.Range(0, 3).SelectAsyncUnordered(3, (x, _) =>
        {
            Interlocked.Increment(ref started);
            return calls[x].Task;
        }).RunWith(Sink.ToList<int>());

        await Eventually.TrueAsync(() => Volatile.Read(ref started) == 3, "all calls started");
        calls[2].SetResult(2);
        await Eventually.TrueAsync(() => run.Stages.Any(s => s.Stage.EndsWith("selectAsyncUnordered", StringComparison.Ordinal) && s.Out == 1), "first result emitted");
        calls[0].SetResult(0);
        await Eventually.TrueAsync(() => run.Stages.Any(s => s.Stage.EndsWith("selectAsyncUnordered", StringComparison.Ordinal) && s.Out == 2), "second result emitted");
        calls[1].SetResult(1);
        Assert.Equal([2, 0, 1], await run.Materialized.Within());
    }

    [Fact]
    public async Task SelectAsyncUnordered_BoundsParallelism_AndLosesNothing()
    {
        var running = 0;
        var peak = 0;
        var run = Source.Range(0, 500).SelectAsyncUnordered(4, async (x, _) =>
        {
            SelectAsyncTests.InterlockedMax(ref peak, Interlocked.Increment(ref running));
            await Task.Yield();
            Interlocked.Decrement(ref running);
            return x;
        }).RunWith(Sink.ToList<int>());

        var result = await run.Materialized.Within();
        Assert.Equal(Enumerable.Range(0, 500), result.Order());
        Assert.InRange(peak, 1, 4);
    }
}
