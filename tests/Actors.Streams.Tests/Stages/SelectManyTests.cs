using Actors.Streams.Dsl;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Stages;

public sealed class SelectManyTests
{
    [Fact]
    public async Task SelectMany_FlattensInOrder_IncludingEmptySequences()
    {
        var run = Source.From(["a b", "", "c", "d e f"]).SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).RunWith(Sink.ToList<string>());
        Assert.Equal(["a", "b", "c", "d", "e", "f"], await run.Materialized.Within());
    }

    [Fact]
    public async Task SelectMany_DoesNotPullTheSequenceAheadOfDemand()
    {
        var produced = 0;
        IEnumerable<int> Many()
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                Interlocked.Increment(ref produced);
                yield return i;
            }
        }

        var run = Source.Single(0).SelectMany(_ => Many()).Take(10).RunWith(Sink.ToList<int>(), new RunOptions { DefaultBufferSize = 4 });
        Assert.Equal(Enumerable.Range(0, 10), await run.Materialized.Within());
        await run.Completion.Within();
        // Take's edge (4) + SelectMany's edge (4) + one in hand each: far below a million.
        Assert.InRange(Volatile.Read(ref produced), 10, 20);
    }
}
