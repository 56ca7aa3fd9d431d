using Actors.Streams.Dsl;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Stages;

public sealed class MergeTests
{
    [Fact]
    public async Task Merge_EmitsEveryElementOfEveryInput_AndCompletesWhenAllDo()
    {
        var run = Source.Merge(Source.Range(0, 100), Source.Range(1000, 50), Source.Empty<int>()).RunWith(Sink.ToList<int>());
        var result = await run.Materialized.Within();
        Assert.Equal(Enumerable.Range(0, 100).Concat(Enumerable.Range(1000, 50)), result.Order());
        // Per input, the order is kept.
        Assert.Equal(Enumerable.Range(0, 100), result.Where(x => x < 1000));
    }

    [Fact]
    public async Task Merge_IsFair_NoInputStarves()
    {
        // Two endless inputs behind a slow consumer (about a millisecond per element, so both inputs are waiting to
        // write whenever it takes one, however busy the machine): they take turns. The first elements are skipped
        // because one input may start a little before the other.
        var run = Source.Merge(Source.From(Enumerable.Repeat(1, int.MaxValue)), Source.From(Enumerable.Repeat(2, int.MaxValue)))
            .SelectAsync(1, async (x, ct) => { await Task.Delay(1, ct); return x; })
            .Take(600)
            .RunWith(Sink.ToList<int>(), new RunOptions { DefaultBufferSize = 4 });
        var result = (await run.Materialized.Within()).Skip(100).ToList();
        await run.Completion.Within();
        Assert.InRange(result.Count(x => x == 1), 150, 350);
        Assert.Equal(0, run.RunningStages);
    }

    [Fact]
    public async Task Merge_OneInputFails_TheRunFails_AndTheOtherInputIsCancelled()
    {
        var endlessStopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IEnumerable<int> Endless()
        {
            try
            {
                while (true)
                {
                    yield return 1;
                }
            }
            finally
            {
                endlessStopped.TrySetResult();
            }
        }

        var run = Source.Merge(Source.From(Endless()), Source.Failed<int>(new IOException("disk")))
            .RunWith(Sink.Ignore<int>());
        await Assert.ThrowsAsync<IOException>(() => run.Completion.Within());
        await endlessStopped.Task.Within();
    }

    [Fact]
    public async Task Merge_EagerComplete_CompletesWithTheFirstInput()
    {
        var run = Source.Merge(true, Source.From(Enumerable.Repeat(1, int.MaxValue)), Source.Range(0, 3))
            .RunWith(Sink.Ignore<int>());
        await run.Completion.Within();
        Assert.Equal(0, run.RunningStages);
    }
}
