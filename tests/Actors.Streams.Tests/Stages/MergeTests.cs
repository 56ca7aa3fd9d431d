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
        // Two endless inputs behind a slow consumer: once both are waiting to write, they take turns.
        // The first elements are skipped because one input may start a little before the other.
        var run = Source.Merge(Source.From(Enumerable.Repeat(1, int.MaxValue)), Source.From(Enumerable.Repeat(2, int.MaxValue)))
            .SelectAsync(1, async (x, _) => { await Task.Yield(); return x; })
            .Take(2_000)
            .RunWith(Sink.ToList<int>(), new RunOptions { DefaultBufferSize = 4 });
        var result = (await run.Materialized.Within()).Skip(1_000).ToList();
        await run.Completion.Within();
        Assert.InRange(result.Count(x => x == 1), 300, 700);
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
