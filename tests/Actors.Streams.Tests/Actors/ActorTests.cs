using Actors.Streams.Actors;
using Actors.Streams.Supervision;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests.Actors;

public sealed class ActorTests
{
    [Fact]
    public async Task Messages_AreHandledOneAtATime_InOrder()
    {
        var counter = ActorRef.Spawn<CounterMessage>("counter", () => new Counter());
        var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 250; i++)
            {
                await counter.TellAsync(new Add(1));
            }
        }));
        await Task.WhenAll(senders).Within();

        // Add reads, yields, then writes: any concurrent entry would lose updates.
        Assert.Equal(1000, await counter.AskAsync<int>(r => new Get(r)).Within());
        await counter.StopAsync().Within();
    }

    [Fact]
    public async Task TryTell_RefusesWhenTheMailboxIsFull_TellAsyncWaits()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = ActorRef.Spawn<CounterMessage>("bounded", () => new Counter(), new ActorOptions { MailboxCapacity = 2 });
        Assert.True(counter.TryTell(new Hold(release)));
        await Eventually.TrueAsync(() => counter.Metrics.MailboxDepth == 0, "the hold is being handled");
        Assert.True(counter.TryTell(new Add(1)));
        Assert.True(counter.TryTell(new Add(1)));
        Assert.False(counter.TryTell(new Add(1)));

        var waiting = counter.TellAsync(new Add(1)).AsTask();
        Assert.False(waiting.IsCompleted);
        release.SetResult();
        await waiting.Within();
        Assert.Equal(3, await counter.AskAsync<int>(r => new Get(r)).Within());
        await counter.StopAsync().Within();
    }

    [Fact]
    public async Task Ask_GetsTheHandlersException_WhenItThrows()
    {
        var counter = ActorRef.Spawn<CounterMessage>("asker", () => new Counter(), new ActorOptions { Decider = Deciders.Resuming });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => counter.AskAsync<int>(_ => new Explode("no")).Within());
        Assert.Equal("no", error.Message);
        await counter.StopAsync().Within();
    }

    [Fact]
    public async Task Ask_TimesOut_OnTheActorsClock()
    {
        var clock = new ManualTimeProvider();
        var counter = ActorRef.Spawn<CounterMessage>("silent", () => new Counter(), new ActorOptions { TimeProvider = clock, AskTimeout = TimeSpan.FromSeconds(5) });
        // Hold never answers its reply.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ask = counter.AskAsync<int>(_ => new Hold(release));
        await clock.WaitForTimersAsync();
        clock.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<TimeoutException>(() => ask.Within());
        release.SetResult();
        await counter.StopAsync().Within();
    }

    [Fact]
    public async Task Resume_KeepsState_AndDeadLettersTheFailedMessage()
    {
        var letters = new List<DeadLetter>();
        var counter = ActorRef.Spawn<CounterMessage>("resume", () => new Counter(),
            new ActorOptions { Decider = Deciders.Resuming, DeadLetters = l => { lock (letters) { letters.Add(l); } } });
        await counter.TellAsync(new Add(5));
        await counter.TellAsync(new Explode("bad input"));
        await counter.TellAsync(new Add(2));
        Assert.Equal(7, await counter.AskAsync<int>(r => new Get(r)).Within());
        var letter = Assert.Single(letters);
        Assert.Equal("actor:handler-failed", letter.Reason);
        Assert.IsType<Explode>(letter.Element);
        Assert.Equal(1, counter.Metrics.Failed);
        await counter.StopAsync().Within();
    }

    [Fact]
    public async Task Restart_BuildsAFreshInstance_AfterTheBackoff()
    {
        var clock = new ManualTimeProvider();
        var incarnations = new List<int>();
        var counter = ActorRef.Spawn<CounterMessage>("restart", () => new Counter(), new ActorOptions
        {
            TimeProvider = clock,
            Decider = Deciders.Restarting,
            Restart = new RestartSettings { MinBackoff = TimeSpan.FromSeconds(1), RandomFactor = 0 },
        });
        await counter.TellAsync(new Add(5));
        await counter.TellAsync(new Explode("state corrupted"));
        await counter.TellAsync(new Add(2));
        await clock.WaitForTimersAsync();
        clock.Advance(TimeSpan.FromSeconds(1));

        // The fresh instance starts from zero; the message after the failure is not lost.
        Assert.Equal(2, await counter.AskAsync<int>(r => new Get(r)).Within());
        Assert.Equal(1, counter.Metrics.Restarts);
        await counter.StopAsync().Within();
    }

    [Fact]
    public async Task Stop_DeadLettersWhatIsLeft_AndFailsPendingAsks()
    {
        var letters = new List<DeadLetter>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = ActorRef.Spawn<CounterMessage>("stopper", () => new Counter(),
            new ActorOptions { DeadLetters = l => { lock (letters) { letters.Add(l); } } });
        await counter.TellAsync(new Hold(release));
        await counter.TellAsync(new Explode("fatal"));
        var pending = counter.AskAsync<int>(r => new Get(r));
        release.SetResult();

        await counter.Completion.Within();
        await Assert.ThrowsAsync<ActorStoppedException>(() => pending.Within());
        Assert.Equal(["actor:handler-failed", "actor:stopped"], letters.Select(l => l.Reason));
        await Assert.ThrowsAsync<ActorStoppedException>(() => counter.TellAsync(new Add(1)).AsTask());
        Assert.False(counter.TryTell(new Add(1)));
    }

    [Fact]
    public async Task StopAsync_HandlesQueuedMessagesFirst()
    {
        var counter = ActorRef.Spawn<CounterMessage>("graceful", () => new Counter());
        var answer = counter.AskAsync<int>(r => new Get(r));
        for (var i = 0; i < 10; i++)
        {
            await counter.TellAsync(new Add(1));
        }

        var last = counter.AskAsync<int>(r => new Get(r));
        await counter.StopAsync().Within();
        Assert.Equal(0, await answer.Within());
        Assert.Equal(10, await last.Within());
    }

    [Fact]
    public async Task AbortAsync_CancelsTheRunningHandler()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = ActorRef.Spawn<CounterMessage>("abort", () => new Counter());
        await counter.TellAsync(new Hold(release));
        await Eventually.TrueAsync(() => counter.Metrics.MailboxDepth == 0, "holding");
        await counter.AbortAsync().Within();
        Assert.True(counter.Completion.IsCompleted);
    }
}
