using Actors.Streams.Dsl;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Stages;

public sealed class WhereTests
{
    [Fact]
    public async Task Where_KeepsMatchingElementsInOrder_AndDoesNotCountThemAsDropped()
    {
        var run = Source.Range(1, 20).Where(x => x % 3 == 0).Named("thirds").RunWith(Sink.ToList<int>());
        Assert.Equal([3, 6, 9, 12, 15, 18], await run.Materialized.Within());
        await run.Completion.Within();
        var stage = run.Stages.Single(s => s.Stage == "thirds");
        Assert.Equal(0, stage.Dropped);
        Assert.Equal(20, stage.In);
        Assert.Equal(6, stage.Out);
    }

    [Fact]
    public async Task Where_ThrowingPredicate_FailsTheRun()
    {
        var run = Source.Range(1, 5).Where(x => x < 3 ? true : throw new InvalidDataException("p")).RunWith(Sink.Ignore<int>());
        await Assert.ThrowsAsync<InvalidDataException>(() => run.Completion.Within());
    }
}
