using Actors.Streams.Dsl;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests;

public sealed class CancellationTests
{
    [Fact]
    public async Task DownstreamCancel_TravelsUpstream_AndDisposesTheSource()
    {
        var disposed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pulled = 0;
        IEnumerable<int> Endless()
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    Interlocked.Increment(ref pulled);
                    yield return i;
                }
            }
            finally
            {
                disposed.TrySetResult();
            }
        }

        var run = Source.From(Endless()).Select(x => x).Where(_ => true).Take(10).RunWith(Sink.ToList<int>(), new RunOptions { DefaultBufferSize = 2 });
        Assert.Equal(Enumerable.Range(0, 10), await run.Materialized.Within());
        await run.Completion.Within();
        await disposed.Task.Within();
        Assert.InRange(Volatile.Read(ref pulled), 10, 20);
        Assert.Equal(0, run.RunningStages);
    }

    [Fact]
    public async Task SinkFailure_CancelsUpstream_AndFailsTheRun()
    {
        var disposed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IEnumerable<int> Endless()
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    yield return i;
                }
            }
            finally
            {
                disposed.TrySetResult();
            }
        }

        var run = Source.From(Endless()).Select(x => x).RunWith(Sink.ForEach<int>(x => { if (x == 50) { throw new IOException("sink disk full"); } }));
        await Assert.ThrowsAsync<IOException>(() => run.Completion.Within());
        await disposed.Task.Within();
        Assert.Equal(0, run.RunningStages);
    }

    [Fact]
    public async Task UpstreamFailure_FlowsDownstream_ElementsBeforeItArrive()
    {
        var received = new List<int>();
        var run = Source.Range(0, 10).Select(x => x == 5 ? throw new InvalidDataException("record 5") : x)
            .Select(x => x * 10)
            .RunWith(Sink.ForEach<int>(received.Add));
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => run.Materialized.Within());
        Assert.Equal("record 5", error.Message);
        Assert.Equal([0, 10, 20, 30, 40], received);
    }

    [Fact]
    public async Task First_TakesOneElement_AndCancelsTheRest()
    {
        var run = Source.From(Enumerable.Repeat(7, int.MaxValue)).Select(x => x + 1).RunWith(Sink.First<int>());
        Assert.Equal(8, await run.Materialized.Within());
        await run.Completion.Within();
        Assert.Equal(0, run.RunningStages);
    }

    [Fact]
    public async Task First_OnAnEmptyStream_Fails()
    {
        var run = Source.Empty<int>().RunWith(Sink.First<int>());
        await Assert.ThrowsAsync<InvalidOperationException>(() => run.Materialized.Within());
    }
}
