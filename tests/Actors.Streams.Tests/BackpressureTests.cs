using Actors.Streams.Dsl;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests;

public sealed class BackpressureTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(16)]
    public async Task FastSourceIntoSlowSink_NeverHoldsMoreThanTheConfiguredCapacity(int bufferSize)
    {
        // Produced minus consumed is the number of elements inside the graph. Three edges of `bufferSize`
        // plus one element in the hand of each of the four stages: at most 3 * bufferSize + 4, however
        // fast the source is.
        long produced = 0;
        long consumed = 0;
        long peak = 0;
        using var gate = new Gate();
        IEnumerable<int> Fast()
        {
            for (var i = 0; i < 2_000; i++)
            {
                Interlocked.Increment(ref produced);
                yield return i;
            }
        }

        var run = Source.From(Fast())
            .Select(x => x + 1)
            .Where(_ => true)
            .RunWith(Sink.ForEachAsync<int>(async (_, ct) =>
            {
                var inside = Interlocked.Read(ref produced) - Interlocked.Read(ref consumed);
                long current;
                while (inside > (current = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, inside, current) != current)
                {
                }

                await gate.PassAsync(ct);
                Interlocked.Increment(ref consumed);
            }), new RunOptions { DefaultBufferSize = bufferSize });

        // Hold the sink still until the graph is full, then measure again while it drains slowly.
        await Eventually.TrueAsync(() => Interlocked.Read(ref produced) >= (3 * bufferSize) + 1, "graph filled");
        await Task.Yield();
        var bound = (3 * bufferSize) + 4;
        Assert.InRange(Interlocked.Read(ref produced) - Interlocked.Read(ref consumed), 1, bound);
        for (var i = 0; i < 2_000; i++)
        {
            gate.Open();
        }

        Assert.Equal(2_000, await run.Materialized.Within());
        Assert.InRange(Interlocked.Read(ref peak), 1, bound);
    }
}
