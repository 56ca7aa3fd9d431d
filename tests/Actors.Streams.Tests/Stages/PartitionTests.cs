using Actors.Streams.Dsl;
using Actors.Streams.Stages;
using Actors.Streams.Supervision;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Stages;

public sealed class PartitionTests
{
    [Fact]
    public async Task Partition_RoutesEachElementToItsBranch()
    {
        var run = Source.Range(0, 30)
            .Via(Flow.Partition<int, string>(x => x % 3,
                Flow.Select<int, string>(x => $"zero:{x}"),
                Flow.Select<int, string>(x => $"one:{x}"),
                Flow.Select<int, string>(x => $"two:{x}")))
            .RunWith(Sink.ToList<string>());
        var result = await run.Materialized.Within();
        Assert.Equal(30, result.Count);
        Assert.All(result, s =>
        {
            var parts = s.Split(':');
            var expected = (int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) % 3) switch { 0 => "zero", 1 => "one", _ => "two" };
            Assert.Equal(expected, parts[0]);
        });
        // Each branch keeps the input order.
        var ones = result.Where(s => s.StartsWith("one", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, 30).Where(x => x % 3 == 1).Select(x => $"one:{x}"), ones);
    }

    [Fact]
    public async Task Partition_UnmatchedElement_FailsInsteadOfStalling()
    {
        var run = Source.Range(0, 10)
            .Via(Flow.Partition<int, int>(x => x == 7 ? 5 : x % 2, Flow.Create<int>(), Flow.Create<int>()))
            .RunWith(Sink.Ignore<int>());
        var error = await Assert.ThrowsAsync<PartitionOutOfRangeException>(() => run.Completion.Within());
        Assert.Contains("returned 5", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, run.RunningStages);
    }

    [Fact]
    public async Task Partition_UnmatchedElement_UnderResume_IsDeadLetteredNotLost()
    {
        var letters = new List<DeadLetter>();
        var run = Source.Range(0, 10)
            .Via(Flow.Partition<int, int>(x => x == 7 ? -1 : x % 2, Flow.Create<int>(), Flow.Create<int>()).WithSupervision(Deciders.Resuming))
            .RunWith(Sink.ToList<int>(), new RunOptions { DeadLetters = l => { lock (letters) { letters.Add(l); } } });
        var result = await run.Materialized.Within();
        Assert.Equal(Enumerable.Range(0, 10).Where(x => x != 7), result.Order());
        Assert.Equal(7, Assert.Single(letters).Element);
    }

    [Fact]
    public async Task Partition_BranchThatCancelled_CountsWhatItCannotTake()
    {
        var letters = new List<DeadLetter>();
        var run = Source.Range(0, 100)
            .Via(Flow.Partition<int, int>(x => x % 2, Flow.Take<int>(3), Flow.Create<int>()))
            .RunWith(Sink.ToList<int>(), new RunOptions { DeadLetters = l => { lock (letters) { letters.Add(l); } } });
        var result = await run.Materialized.Within();
        await run.Completion.Within();
        var evens = result.Where(x => x % 2 == 0).ToList();
        Assert.Equal([0, 2, 4], evens);
        Assert.Equal(50, result.Count(x => x % 2 == 1));
        // Every even element after the first three is accounted for as a dead letter: routed to the
        // closed branch, or left unread in its edge when Take cancelled it.
        Assert.Equal(50 - 3, letters.Count);
        Assert.All(letters, l => Assert.Contains(l.Reason, new[] { "partition:branch-cancelled", "cancelled:unread", "cancelled:in-hand" }));
        Assert.Equal(Enumerable.Range(0, 100).Where(x => x % 2 == 0).Skip(3), letters.Select(l => (int)l.Element!).Order());
    }
}
