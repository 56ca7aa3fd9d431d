using Actors.Streams.Dsl;
using Actors.Streams.Supervision;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Stages;

public sealed class SelectTests
{
    [Fact]
    public async Task Select_TransformsEveryElementInOrder()
    {
        var run = Source.Range(1, 100).Select(x => x * 3).RunWith(Sink.ToList<int>());
        Assert.Equal(Enumerable.Range(1, 100).Select(x => x * 3), await run.Materialized.Within());
        await run.Completion.Within();
        Assert.Equal(0, run.RunningStages);
    }

    [Fact]
    public async Task Select_Stop_FailsTheRunWithTheOriginalException()
    {
        var boom = new InvalidOperationException("boom");
        var run = Source.Range(1, 10).Select(x => x == 5 ? throw boom : x).RunWith(Sink.ToList<int>());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.Completion.Within());
        Assert.Same(boom, error);
        await Assert.ThrowsAsync<InvalidOperationException>(() => run.Materialized.Within());
        Assert.Equal(0, run.RunningStages);
    }

    [Fact]
    public async Task Select_Resume_DropsOnlyTheFailingElement_CountsAndDeadLettersIt()
    {
        var letters = new List<DeadLetter>();
        var options = new RunOptions { DeadLetters = l => { lock (letters) { letters.Add(l); } } };
        var run = Source.Range(1, 10)
            .Select(x => x % 4 == 0 ? throw new FormatException($"bad {x}") : x)
            .Named("parse")
            .WithSupervision(Deciders.Resuming)
            .RunWith(Sink.ToList<int>(), options);

        Assert.Equal([1, 2, 3, 5, 6, 7, 9, 10], await run.Materialized.Within());
        await run.Completion.Within();
        var stage = run.Stages.Single(s => s.Stage == "parse");
        Assert.Equal(2, stage.Dropped);
        Assert.Equal(2, stage.Failed);
        Assert.Equal(10, stage.In);
        Assert.Equal(8, stage.Out);
        Assert.Equal([4, 8], letters.Select(l => (int)l.Element!).Order());
        Assert.All(letters, l => Assert.Equal("supervision:resume", l.Reason));
    }

    [Fact]
    public async Task Select_DeciderChoosesPerException()
    {
        Decider decider = ex => ex is FormatException ? Directive.Resume : Directive.Stop;
        var ok = Source.Range(1, 5).Select(x => x == 2 ? throw new FormatException() : x).WithSupervision(decider).RunWith(Sink.ToList<int>());
        Assert.Equal([1, 3, 4, 5], await ok.Materialized.Within());

        var stops = Source.Range(1, 5).Select(x => x == 2 ? throw new ArgumentException("x") : x).WithSupervision(decider).RunWith(Sink.ToList<int>());
        await Assert.ThrowsAsync<ArgumentException>(() => stops.Completion.Within());
    }

    [Fact]
    public async Task Select_RunDefaultDecider_AppliesToStagesWithoutTheirOwn()
    {
        var run = Source.Range(1, 5).Select(x => x == 3 ? throw new FormatException() : x)
            .RunWith(Sink.ToList<int>(), new RunOptions { Decider = Deciders.Resuming });
        Assert.Equal([1, 2, 4, 5], await run.Materialized.Within());
    }

    [Fact]
    public async Task Blueprint_CanRunTwice_WithoutSharingState()
    {
        var graph = Source.Range(1, 3).Scan(0, (a, x) => a + x).To(Sink.ToList<int>());
        var first = await graph.Run().Materialized.Within();
        var second = await graph.Run().Materialized.Within();
        Assert.Equal([0, 1, 3, 6], first);
        Assert.Equal(first, second);
    }
}
