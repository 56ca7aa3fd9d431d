using Actors.Streams.Dsl;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Stages;

public sealed class SideOutputTests
{
    [Fact]
    public async Task DivertTo_SendsMatchingElementsToTheSideSinkOnly()
    {
        var diverted = new List<int>();
        var run = Source.Range(1, 10)
            .DivertTo(Sink.ForEach<int>(x => { lock (diverted) { diverted.Add(x); } }), x => x % 5 == 0)
            .RunWith(Sink.ToList<int>());
        Assert.Equal([1, 2, 3, 4, 6, 7, 8, 9], await run.Materialized.Within());
        await run.Completion.Within();
        Assert.Equal([5, 10], diverted);
    }

    [Fact]
    public async Task AlsoTo_SendsEveryElementToBoth()
    {
        var side = new List<int>();
        var run = Source.Range(1, 10).AlsoTo(Sink.ForEach<int>(x => { lock (side) { side.Add(x); } })).RunWith(Sink.ToList<int>());
        Assert.Equal(Enumerable.Range(1, 10), await run.Materialized.Within());
        await run.Completion.Within();
        Assert.Equal(Enumerable.Range(1, 10), side);
    }

    [Fact]
    public async Task AlsoTo_FailingSideSink_FailsTheRunLoudly()
    {
        var run = Source.Range(1, 100)
            .AlsoTo(Sink.ForEach<int>(x => { if (x == 3) { throw new IOException("side disk"); } }))
            .RunWith(Sink.Ignore<int>());
        await Assert.ThrowsAsync<IOException>(() => run.Completion.Within());
    }
}
