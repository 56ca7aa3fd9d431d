using Actors.Streams.Dsl;
using Actors.Streams.Supervision;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Stages;

public sealed class ScanTests
{
    [Fact]
    public async Task Scan_EmitsSeedThenRunningTotals()
    {
        var run = Source.From([1, 3, 5]).Scan(0, (a, x) => a + x).RunWith(Sink.ToList<int>());
        Assert.Equal([0, 1, 4, 9], await run.Materialized.Within());
    }

    [Fact]
    public async Task Scan_Restart_ResetsTheAggregateToTheSeed()
    {
        // Akka's documented example: [1, 3, -1, 5, 7] with a step that rejects negatives, under Restart.
        var run = Source.From([1, 3, -1, 5, 7])
            .Scan(0, (a, x) => x < 0 ? throw new ArgumentException("negative") : a + x)
            .WithSupervision(Deciders.Restarting)
            .RunWith(Sink.ToList<int>());
        Assert.Equal([0, 1, 4, 0, 5, 12], await run.Materialized.Within());
    }

    [Fact]
    public async Task Scan_Resume_KeepsTheAggregate()
    {
        var run = Source.From([1, 3, -1, 5, 7])
            .Scan(0, (a, x) => x < 0 ? throw new ArgumentException("negative") : a + x)
            .WithSupervision(Deciders.Resuming)
            .RunWith(Sink.ToList<int>());
        Assert.Equal([0, 1, 4, 9, 16], await run.Materialized.Within());
    }
}
