namespace Actors.Streams.Actors;

/// <summary>Starts actors.</summary>
public static class ActorRef
{
    /// <summary>
    /// Starts an actor. <paramref name="factory"/> builds the first instance and, after each supervised
    /// restart, a fresh one.
    /// </summary>
    public static ActorRef<TMessage> Spawn<TMessage>(string name, Func<Actor<TMessage>> factory, ActorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        return new ActorRef<TMessage>(new ActorCell<TMessage>("actors", name, factory, options ?? new ActorOptions()));
    }
}

/// <summary>The address of a running actor: send it messages, ask it questions, stop it.</summary>
public sealed class ActorRef<TMessage>
{
    private readonly ActorCell<TMessage> _cell;

    internal ActorRef(ActorCell<TMessage> cell) => _cell = cell;

    /// <summary>The actor's name.</summary>
    public string Name => _cell.Name;

    /// <summary>Completes when the actor has stopped (faults if it could not start).</summary>
    public Task Completion => _cell.Completion;

    /// <summary>The actor's counters.</summary>
    public Metrics.ActorMetrics Metrics => _cell.Metrics;

    internal ActorCell<TMessage> Cell => _cell;

    /// <summary>Sends a message, waiting while the mailbox is full (backpressure).</summary>
    /// <exception cref="ActorStoppedException">The actor has stopped.</exception>
    public ValueTask TellAsync(TMessage message, CancellationToken cancellationToken = default) =>
        _cell.PostAsync(message, null, cancellationToken);

    /// <summary>Sends a message if the mailbox has room; false when it is full or the actor has stopped.</summary>
    public bool TryTell(TMessage message) => _cell.TryPost(message, null);

    /// <summary>
    /// Sends the message built around a fresh <see cref="Reply{TReply}"/> and waits for the answer. Fails
    /// with the handler's exception if it throws, <see cref="ActorStoppedException"/> if the actor stops
    /// first, and <see cref="TimeoutException"/> after <paramref name="timeout"/> (default: the actor's
    /// <see cref="ActorOptions.AskTimeout"/>).
    /// </summary>
    public async Task<TReply> AskAsync<TReply>(Func<Reply<TReply>, TMessage> question, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var answer = await PostQuestionAsync(question, cancellationToken).ConfigureAwait(false);
        return await AwaitAnswerAsync(answer, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts the question in the mailbox; returns the pending answer.</summary>
    internal async ValueTask<Task<TReply>> PostQuestionAsync<TReply>(Func<Reply<TReply>, TMessage> question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var reply = new Reply<TReply>();
        await _cell.PostAsync(question(reply), reply, cancellationToken).ConfigureAwait(false);
        return reply.Answer;
    }

    internal async Task<TReply> AwaitAnswerAsync<TReply>(Task<TReply> answer, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var limit = timeout ?? _cell.Options.AskTimeout;
        try
        {
            return await answer.WaitAsync(limit, _cell.Options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!answer.IsCompleted)
        {
            throw new TimeoutException($"Actor '{Name}' did not answer within {limit.TotalMilliseconds:0} ms.");
        }
    }

    /// <summary>Stops gracefully: queued messages are handled first.</summary>
    public Task StopAsync() => _cell.StopAsync();

    /// <summary>Stops now: the running handler is cancelled and queued messages become dead letters.</summary>
    public Task AbortAsync() => _cell.AbortAsync();
}
