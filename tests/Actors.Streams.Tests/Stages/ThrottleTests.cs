using System.Threading.Channels;
using Actors.Streams.Dsl;
using Actors.Streams.Stages;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Stages;

public sealed class ThrottleTests
{
    [Fact]
    public async Task Throttle_Shaping_LetsTheBurstThrough_ThenWaitsForTokens()
    {
        var clock = new ManualTimeProvider();
        var output = Channel.CreateUnbounded<int>();
        var run = Source.Range(1, 5).Throttle(1, TimeSpan.FromSeconds(1), 2, ThrottleMode.Shaping)
            .RunWith(Sink.ForEach<int>(x => output.Writer.TryWrite(x)), new RunOptions { TimeProvider = clock });

        Assert.Equal(1, await output.Reader.ReadAsync().AsTask().Within());
        Assert.Equal(2, await output.Reader.ReadAsync().AsTask().Within());
        await clock.WaitForTimersAsync();
        Assert.False(output.Reader.TryRead(out _));

        for (var expected = 3; expected <= 5; expected++)
        {
            await clock.WaitForTimersAsync();
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(expected, await output.Reader.ReadAsync().AsTask().Within());
        }

        await run.Completion.Within();
    }

    [Fact]
    public async Task Throttle_Enforcing_FailsWhenTheRateIsExceeded()
    {
        var clock = new ManualTimeProvider();
        var run = Source.Range(1, 5).Throttle(1, TimeSpan.FromSeconds(1), 2, ThrottleMode.Enforcing)
            .RunWith(Sink.Ignore<int>(), new RunOptions { TimeProvider = clock });
        await Assert.ThrowsAsync<RateExceededException>(() => run.Completion.Within());
    }
}
