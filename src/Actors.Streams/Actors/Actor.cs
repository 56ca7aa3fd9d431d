namespace Actors.Streams.Actors;

/// <summary>
/// An actor: state plus a message handler that runs one message at a time. Subclass it, then start it
/// with <see cref="ActorRef.Spawn{TMessage}"/>. A restart (supervision) builds a fresh instance from the
/// factory, so state held in fields is reset.
/// </summary>
public abstract class Actor<TMessage>
{
    /// <summary>The running actor's name and clock; set before <see cref="PreStartAsync"/>.</summary>
    protected ActorContext Context { get; private set; } = null!;

    internal void Attach(ActorContext context) => Context = context;

    /// <summary>Handles one message. Never called concurrently with itself.</summary>
    protected internal abstract ValueTask ReceiveAsync(TMessage message, CancellationToken cancellationToken);

    /// <summary>Runs before the first message (and after each restart).</summary>
    protected internal virtual ValueTask PreStartAsync(CancellationToken cancellationToken) => default;

    /// <summary>Runs when the instance is retired: on stop, and before a restart replaces it.</summary>
    protected internal virtual ValueTask PostStopAsync() => default;
}
