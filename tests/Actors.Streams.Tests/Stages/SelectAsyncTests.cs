using Actors.Streams.Dsl;
using Actors.Streams.Supervision;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Stages;

public sealed class SelectAsyncTests
{
    [Fact]
    public async Task SelectAsync_EmitsInInputOrder_WhenCallsFinishInReverse()
    {
        var calls = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var started = 0;
        var run = Source.Range(0, 4).SelectAsync(4, (x, _) =>
        {
            Interlocked.Increment(ref started);
            return calls[x].Task;
        }).RunWith(Sink.ToList<int>());

        await Eventually.TrueAsync(() => Volatile.Read(ref started) == 4, "all four calls started");
        for (var i = 3; i >= 0; i--)
        {
            calls[i].SetResult(i * 10);
        }

        Assert.Equal([0, 10, 20, 30], await run.Materialized.Within());
    }

    [Fact]
    public async Task SelectAsync_NeverRunsMoreThanParallelismCalls()
    {
        var running = 0;
        var peak = 0;
        var run = Source.Range(0, 200).SelectAsync(3, async (x, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Yield();
            Interlocked.Decrement(ref running);
            return x;
        }).RunWith(Sink.ToList<int>());

        Assert.Equal(Enumerable.Range(0, 200), await run.Materialized.Within());
        Assert.InRange(peak, 1, 3);
    }

    [Fact]
    public async Task SelectAsync_HeadOfLine_SlowHeadHoldsBackLaterResults()
    {
        var head = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new List<int>();
        var run = Source.Range(0, 3)
            .SelectAsync(3, (x, _) => x == 0 ? head.Task : Task.FromResult(x))
            .RunWith(Sink.ForEach<int>(x => { lock (received) { received.Add(x); } }));

        await Eventually.TrueAsync(() => run.Stages.Any(s => s.Stage.EndsWith("selectAsync", StringComparison.Ordinal) && s.In == 3), "three elements taken");
        lock (received)
        {
            Assert.Empty(received);
        }

        head.SetResult(100);
        await run.Materialized.Within();
        Assert.Equal([100, 1, 2], received);
    }

    [Fact]
    public async Task SelectAsync_Resume_DropsFailedCallOnly()
    {
        var run = Source.Range(0, 6)
            .SelectAsync(2, async (x, _) =>
            {
                await Task.Yield();
                return x == 3 ? throw new HttpRequestException("503") : x;
            })
            .WithSupervision(Deciders.Resuming)
            .RunWith(Sink.ToList<int>());
        Assert.Equal([0, 1, 2, 4, 5], await run.Materialized.Within());
    }

    [Fact]
    public async Task SelectAsync_Stop_FailsRun_AndCancelsRunningCalls()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = Source.Range(0, 10).SelectAsync(2, async (x, ct) =>
        {
            if (x == 0)
            {
                await Task.Yield();
                throw new TimeoutException("first");
            }

            ct.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, ct);
            return x;
        }).RunWith(Sink.Ignore<int>());

        await Assert.ThrowsAsync<TimeoutException>(() => run.Completion.Within());
        await cancelled.Task.Within();
    }

    internal static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
