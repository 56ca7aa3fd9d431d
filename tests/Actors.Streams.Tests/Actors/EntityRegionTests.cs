using Actors.Streams.Actors;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Actors;

public sealed class EntityRegionTests
{
    [Fact]
    public async Task OneActorPerEntity_CreatedOnFirstMessage()
    {
        var created = new List<string>();
        await using var region = new EntityRegion<string, CounterMessage>("shards", id => { lock (created) { created.Add(id); } return new Counter(); });
        foreach (var id in new[] { "a", "b", "a", "c", "b", "a" })
        {
            await region.TellAsync(id, new Add(1));
        }

        Assert.Equal(3, await region.AskAsync<int>("a", r => new Get(r)).Within());
        Assert.Equal(2, await region.AskAsync<int>("b", r => new Get(r)).Within());
        Assert.Equal(1, await region.AskAsync<int>("c", r => new Get(r)).Within());
        Assert.Equal(["a", "b", "c"], created.Order()); // once each; actors start concurrently
        Assert.Equal(3, region.ActiveEntities);
    }

    [Fact]
    public async Task IdleEntities_ArePassivated_AndComeBackOnTheNextMessage()
    {
        var clock = new ManualTimeProvider();
        await using var region = new EntityRegion<int, CounterMessage>("passivating", _ => new Counter(), new EntityRegionOptions
        {
            PassivateAfter = TimeSpan.FromMinutes(2),
            Actor = new ActorOptions { TimeProvider = clock },
        });
        await region.TellAsync(1, new Add(10));
        await region.TellAsync(2, new Add(20));
        Assert.Equal(10, await region.AskAsync<int>(1, r => new Get(r)).Within());
        Assert.Equal(20, await region.AskAsync<int>(2, r => new Get(r)).Within());

        clock.Advance(TimeSpan.FromMinutes(1));
        await region.TellAsync(2, new Add(1)); // entity 2 stays busy
        clock.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Equal(1, region.ActiveEntities);
        Assert.Equal(1, region.Passivated);

        // Passivation dropped entity 1's state (it is an in-memory actor); a new incarnation starts at 0.
        Assert.Equal(0, await region.AskAsync<int>(1, r => new Get(r)).Within());
        Assert.Equal(21, await region.AskAsync<int>(2, r => new Get(r)).Within());
        Assert.Equal(3, region.Started);
    }

    [Fact]
    public async Task Passivation_NeverLosesAMessage()
    {
        var clock = new ManualTimeProvider();
        var handled = 0;
        await using var region = new EntityRegion<int, CounterMessage>("racing", _ => new CountingActor(() => Interlocked.Increment(ref handled)), new EntityRegionOptions
        {
            PassivateAfter = TimeSpan.FromMilliseconds(10),
            Actor = new ActorOptions { TimeProvider = clock },
        });

        using var stop = new CancellationTokenSource();
        var ticker = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                clock.Advance(TimeSpan.FromMilliseconds(20));
                await Task.Delay(1, CancellationToken.None);
            }
        });
        var senders = Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
        {
            // Each sender works through the keys in bursts, so every key has quiet spells in which the
            // sweeper may passivate it while another sender is about to send to it.
            for (var i = 0; i < 500; i++)
            {
                await region.TellAsync((i / 20) % 7, new Add(1));
                if (i % 10 == 0)
                {
                    await Task.Delay(1, CancellationToken.None);
                }
            }
        })).ToArray();
        await Task.WhenAll(senders).Within();
        await stop.CancelAsync();
        await ticker.Within();
        await region.DisposeAsync();

        Assert.Equal(2000, Volatile.Read(ref handled));
        Assert.True(region.Passivated > 0, "the test should have raced passivation against sends");
    }

    private sealed class CountingActor(Action onMessage) : Actor<CounterMessage>
    {
        protected internal override ValueTask ReceiveAsync(CounterMessage message, CancellationToken cancellationToken)
        {
            onMessage();
            return ValueTask.CompletedTask;
        }
    }
}
