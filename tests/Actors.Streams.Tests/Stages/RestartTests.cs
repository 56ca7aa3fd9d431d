using Actors.Streams.Dsl;
using Actors.Streams.Supervision;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Stages;

public sealed class RestartTests
{
    private static readonly RestartSettings Settings = new()
    {
        MinBackoff = TimeSpan.FromSeconds(1),
        MaxBackoff = TimeSpan.FromSeconds(8),
        RandomFactor = 0,
    };

    [Fact]
    public void Delay_DoublesUpToTheCap_ThenAddsJitterOnTop()
    {
        var settings = new RestartSettings { MinBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(1), RandomFactor = 0.5 };
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.Delay(0, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(400), settings.Delay(2, 0));
        Assert.Equal(TimeSpan.FromSeconds(1), settings.Delay(10, 0));
        // Jitter applies after the cap, so the delay can exceed MaxBackoff by the random factor.
        Assert.Equal(TimeSpan.FromSeconds(1.5), settings.Delay(10, 1));
        Assert.Equal(TimeSpan.FromSeconds(1), settings.Delay(1000, 0));
    }

    [Fact]
    public async Task RestartSource_RestartsAFailingSource_AfterTheBackoff()
    {
        var clock = new ManualTimeProvider();
        var attempts = 0;
        var run = RestartSource.OnFailuresWithBackoff(Settings, () =>
            {
                var attempt = Interlocked.Increment(ref attempts);
                return attempt < 3
                    ? Source.FromAsyncEnumerable(_ => OneThenFail(attempt * 10))
                    : Source.From([99]);
            })
            .RunWith(Sink.ToList<int>(), new RunOptions { TimeProvider = clock });

        await clock.WaitForTimersAsync();
        Assert.Equal(1, Volatile.Read(ref attempts));
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => Volatile.Read(ref attempts) == 2, "second attempt");
        await clock.WaitForTimersAsync();
        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(2, Volatile.Read(ref attempts));
        clock.Advance(TimeSpan.FromSeconds(0.5));

        Assert.Equal([10, 20, 99], await run.Materialized.Within());
        await run.Completion.Within();
    }

    private static async IAsyncEnumerable<int> OneThenFail(int value)
    {
        yield return value;
        await Task.Yield();
        throw new IOException("connection dropped");
    }

    [Fact]
    public async Task RestartSource_GivesUpAfterMaxRestarts_WithTheLastFailure()
    {
        var clock = new ManualTimeProvider();
        var settings = Settings with { MaxRestarts = 2 };
        var attempts = 0;
        var run = RestartSource.WithBackoff(settings, () =>
            {
                Interlocked.Increment(ref attempts);
                return Source.Failed<int>(new IOException($"attempt {Volatile.Read(ref attempts)}"));
            })
            .RunWith(Sink.Ignore<int>(), new RunOptions { TimeProvider = clock });

        for (var i = 0; i < 2; i++)
        {
            await clock.WaitForTimersAsync();
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        var error = await Assert.ThrowsAsync<IOException>(() => run.Completion.Within());
        Assert.Equal("attempt 3", error.Message);
        Assert.Equal(0, run.RunningStages);
    }

    [Fact]
    public async Task RestartFlow_RestartsTheInnerFlow_AndKeepsConsumingUpstream()
    {
        var clock = new ManualTimeProvider();
        var letters = new List<DeadLetter>();
        var materializations = 0;
        var input = System.Threading.Channels.Channel.CreateUnbounded<int>();
        var run = Source.FromChannel(input.Reader)
            .Via(RestartFlow.OnFailuresWithBackoff(Settings, () =>
            {
                Interlocked.Increment(ref materializations);
                return Flow.Select<int, int>(x => x == 3 ? throw new HttpRequestException("endpoint down") : x * 10);
            }))
            .RunWith(Sink.ToList<int>(), new RunOptions { TimeProvider = clock, DeadLetters = l => { lock (letters) { letters.Add(l); } } });

        input.Writer.TryWrite(1);
        input.Writer.TryWrite(2);
        input.Writer.TryWrite(3);
        await clock.WaitForTimersAsync(); // the inner flow failed on 3 and the backoff started
        input.Writer.TryWrite(4);
        input.Writer.TryWrite(5);
        input.Writer.Complete();
        clock.Advance(TimeSpan.FromSeconds(1));

        // The element that broke the inner flow is gone with it (restart is lossy); the upstream is
        // consumed again by the new inner flow.
        Assert.Equal([10, 20, 40, 50], await run.Materialized.Within());
        await run.Completion.Within();
        Assert.Equal(2, materializations);
        Assert.Empty(letters);
        Assert.Equal(1, run.Stages.Single(s => s.Stage.EndsWith("restartFlow", StringComparison.Ordinal)).Failed);
    }
}
