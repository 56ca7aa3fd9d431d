using System.Threading.Channels;
using Actors.Streams.Dsl;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Stages;

public sealed class GroupedWithinTests
{
    [Fact]
    public async Task GroupedWithin_EmitsFullGroupsBySize_AndTheRestOnCompletion()
    {
        var clock = new ManualTimeProvider();
        var run = Source.Range(1, 7).GroupedWithin(3, TimeSpan.FromSeconds(10))
            .RunWith(Sink.ToList<IReadOnlyList<int>>(), new RunOptions { TimeProvider = clock });
        var groups = await run.Materialized.Within();
        Assert.Equal([[1, 2, 3], [4, 5, 6], [7]], groups.Select(g => g.ToArray()).ToArray());
    }

    [Fact]
    public async Task GroupedWithin_EmitsAPartialGroupWhenTheWindowPasses_AndNeverAnEmptyOne()
    {
        var clock = new ManualTimeProvider();
        var input = Channel.CreateUnbounded<int>();
        var output = Channel.CreateUnbounded<IReadOnlyList<int>>();
        var run = Source.FromChannel(input.Reader).GroupedWithin(100, TimeSpan.FromSeconds(1))
            .RunWith(Sink.ForEach<IReadOnlyList<int>>(g => output.Writer.TryWrite(g)), new RunOptions { TimeProvider = clock });

        await clock.WaitForTimersAsync();
        input.Writer.TryWrite(1);
        input.Writer.TryWrite(2);
        await Eventually.TrueAsync(() => run.Stages.Any(s => s.Stage.EndsWith("groupedWithin", StringComparison.Ordinal) && s.In == 2), "both taken");
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([1, 2], await output.Reader.ReadAsync().AsTask().Within());

        // Several windows pass with nothing buffered: no empty group is emitted.
        clock.Advance(TimeSpan.FromSeconds(5));
        input.Writer.TryWrite(3);
        input.Writer.Complete();
        await run.Completion.Within();
        Assert.Equal([3], await output.Reader.ReadAsync().AsTask().Within());
        Assert.False(output.Reader.TryRead(out _));
    }

    [Fact]
    public async Task GroupedWithin_RearmsTheTimerWhenAGroupLeavesBySize()
    {
        var clock = new ManualTimeProvider();
        var input = Channel.CreateUnbounded<int>();
        var output = Channel.CreateUnbounded<IReadOnlyList<int>>();
        var run = Source.FromChannel(input.Reader).GroupedWithin(2, TimeSpan.FromSeconds(1))
            .RunWith(Sink.ForEach<IReadOnlyList<int>>(g => output.Writer.TryWrite(g)), new RunOptions { TimeProvider = clock });
        await clock.WaitForTimersAsync();

        clock.Advance(TimeSpan.FromMilliseconds(900));
        input.Writer.TryWrite(1);
        input.Writer.TryWrite(2);
        Assert.Equal([1, 2], await output.Reader.ReadAsync().AsTask().Within());
        input.Writer.TryWrite(3);
        await Eventually.TrueAsync(() => run.Stages.Any(s => s.Stage.EndsWith("groupedWithin", StringComparison.Ordinal) && s.In == 3), "third taken");

        // 200 ms later the original window would have ended; the re-armed one has not.
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.False(output.Reader.TryRead(out _));
        clock.Advance(TimeSpan.FromMilliseconds(800));
        Assert.Equal([3], await output.Reader.ReadAsync().AsTask().Within());

        input.Writer.Complete();
        await run.Completion.Within();
    }

    [Fact]
    public async Task GroupedWithin_DefaultValueElementsAreKept()
    {
        // A guard against treating default(T) as "nothing pending" (a known Akka.NET slip).
        var run = Source.From([0, 0, 0, 0, 0]).GroupedWithin(2, TimeSpan.FromSeconds(1)).RunWith(Sink.ToList<IReadOnlyList<int>>());
        var groups = await run.Materialized.Within();
        Assert.Equal(5, groups.Sum(g => g.Count));
    }
}
