using Actors.Streams.Dsl;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Stages;

public sealed class RecoverTests
{
    [Fact]
    public async Task Recover_HandledFailure_EmitsReplacementAndCompletes()
    {
        var run = Source.Range(1, 5).Select(x => x == 4 ? throw new IOException("read") : x)
            .Recover(ex => (ex is IOException, -1))
            .RunWith(Sink.ToList<int>());
        Assert.Equal([1, 2, 3, -1], await run.Materialized.Within());
        await run.Completion.Within();
    }

    [Fact]
    public async Task Recover_UnhandledFailure_StillFails()
    {
        var run = Source.Range(1, 5).Select(x => x == 4 ? throw new ArgumentException("no") : x)
            .Recover(ex => (ex is IOException, -1))
            .RunWith(Sink.ToList<int>());
        await Assert.ThrowsAsync<ArgumentException>(() => run.Completion.Within());
    }
}
