using System.Diagnostics;
using System.Threading.Channels;
using Actors.Streams.Metrics;
using Actors.Streams.Stages;
using Actors.Streams.Supervision;

namespace Actors.Streams.Actors;

/// <summary>
/// The runtime of one actor: a bounded mailbox and one loop that hands messages to the current instance
/// in order. Invariant: at most one <c>ReceiveAsync</c> runs at a time, because only the loop calls it.
/// </summary>
internal sealed class ActorCell<TMessage>
{
    private readonly Func<Actor<TMessage>> _factory;
    private readonly ActorOptions _options;
    private readonly Channel<Envelope> _mailbox;
    private readonly CancellationTokenSource _abort = new();
    private int _busy;
    private long _lastActivity;

    public ActorCell(string group, string name, Func<Actor<TMessage>> factory, ActorOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MailboxCapacity, 1);
        Name = name;
        _factory = factory;
        _options = options;
        _mailbox = Channel.CreateBounded<Envelope>(new BoundedChannelOptions(options.MailboxCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Metrics = new ActorMetrics(group, name) { MailboxDepthProbe = () => _mailbox.Reader.Count };
        ActorInstruments.Register(Metrics);
        Completion = Task.Run(RunAsync);
    }

    public string Name { get; }

    public ActorMetrics Metrics { get; }

    public Task Completion { get; }

    public ActorOptions Options => _options;

    /// <summary>True when nothing is queued and no message is being handled.</summary>
    public bool IsIdle => Volatile.Read(ref _busy) == 0 && _mailbox.Reader.Count == 0;

    public bool IsStopped => Completion.IsCompleted;

    /// <summary>Timestamp (of the actor's clock) when the last message finished.</summary>
    public long LastActivity => Interlocked.Read(ref _lastActivity);

    public bool TryPost(TMessage message, IReplyTarget? reply)
    {
        if (!_mailbox.Writer.TryWrite(new Envelope(message, reply)))
        {
            return false;
        }

        Interlocked.Increment(ref Metrics.ReceivedCount);
        return true;
    }

    public async ValueTask PostAsync(TMessage message, IReplyTarget? reply, CancellationToken cancellationToken)
    {
        try
        {
            await _mailbox.Writer.WriteAsync(new Envelope(message, reply), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ActorStoppedException($"Actor '{Name}' has stopped; the message was not delivered.");
        }

        Interlocked.Increment(ref Metrics.ReceivedCount);
    }

    /// <summary>Graceful stop: no new messages; queued ones are handled, then the actor stops.</summary>
    public Task StopAsync()
    {
        _mailbox.Writer.TryComplete();
        return Completion;
    }

    /// <summary>Immediate stop: the current handler is cancelled and queued messages become dead letters.</summary>
    public Task AbortAsync()
    {
        _mailbox.Writer.TryComplete();
        _abort.Cancel();
        return Completion;
    }

    private async Task RunAsync()
    {
        var incarnation = 0;
        var backoff = new RestartBackoff(_options.Restart, _options.TimeProvider);
        Actor<TMessage>? instance = null;
        try
        {
            instance = await StartInstanceAsync(incarnation).ConfigureAwait(false);
            var reader = _mailbox.Reader;
            while (await reader.WaitToReadAsync(_abort.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var envelope))
                {
                    Volatile.Write(ref _busy, 1);
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        await instance.ReceiveAsync(envelope.Message, _abort.Token).ConfigureAwait(false);
                        Interlocked.Increment(ref Metrics.ProcessedCount);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !_abort.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref Metrics.FailedCount);
                        envelope.Reply?.Fail(ex);
                        DeadLetter(envelope, "actor:handler-failed", ex);
                        var directive = Decide(ex);
                        if (directive == Directive.Restart && backoff.Next() is { } delay)
                        {
                            await RetireAsync(instance).ConfigureAwait(false);
                            instance = null;
                            Interlocked.Increment(ref Metrics.RestartCount);
                            await Task.Delay(delay, _options.TimeProvider, _abort.Token).ConfigureAwait(false);
                            instance = await StartInstanceAsync(++incarnation).ConfigureAwait(false);
                        }
                        else if (directive != Directive.Resume)
                        {
                            // Stop, or Restart with its budget spent.
                            _mailbox.Writer.TryComplete();
                            DrainAsDeadLetters("actor:stopped");
                            return;
                        }
                    }
                    finally
                    {
                        ActorInstruments.Latency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                            new KeyValuePair<string, object?>("group", Metrics.Group));
                        Interlocked.Exchange(ref _lastActivity, _options.TimeProvider.GetTimestamp());
                        Volatile.Write(ref _busy, 0);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            DrainAsDeadLetters("actor:aborted");
        }
        finally
        {
            if (instance is not null)
            {
                await RetireAsync(instance).ConfigureAwait(false);
            }

            _mailbox.Writer.TryComplete();
            DrainAsDeadLetters("actor:stopped");
            ActorInstruments.Unregister(Metrics);
        }
    }

    private async Task<Actor<TMessage>> StartInstanceAsync(int incarnation)
    {
        var instance = _factory() ?? throw new InvalidOperationException($"The factory of actor '{Name}' returned null.");
        instance.Attach(new ActorContext(Name, _options.TimeProvider, incarnation));
        await instance.PreStartAsync(_abort.Token).ConfigureAwait(false);
        return instance;
    }

    private static async Task RetireAsync(Actor<TMessage> instance)
    {
        try
        {
            await instance.PostStopAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A failing PostStop must not keep the actor from stopping or restarting.
            Trace.TraceWarning($"PostStopAsync threw: {ex.Message}");
        }
    }

    private Directive Decide(Exception error)
    {
        try
        {
            return _options.Decider(error);
        }
        catch (Exception)
        {
            return Directive.Stop;
        }
    }

    private void DrainAsDeadLetters(string reason)
    {
        while (_mailbox.Reader.TryRead(out var envelope))
        {
            envelope.Reply?.Fail(new ActorStoppedException($"Actor '{Name}' stopped before handling the message."));
            DeadLetter(envelope, reason, null);
        }
    }

    private void DeadLetter(Envelope envelope, string reason, Exception? error)
    {
        Interlocked.Increment(ref Metrics.DeadLetteredCount);
        _options.DeadLetters?.Invoke(new DeadLetter(Name, envelope.Message, reason, error));
    }

    private readonly record struct Envelope(TMessage Message, IReplyTarget? Reply);
}
