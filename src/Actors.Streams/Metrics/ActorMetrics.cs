namespace Actors.Streams.Metrics;

/// <summary>Counters of one running actor, read by <see cref="ActorInstruments"/>.</summary>
public sealed class ActorMetrics
{
    internal long ReceivedCount;
    internal long ProcessedCount;
    internal long FailedCount;
    internal long DeadLetteredCount;
    internal long RestartCount;
    internal Func<int>? MailboxDepthProbe;

    internal ActorMetrics(string group, string actor)
    {
        Group = group;
        Actor = actor;
    }

    /// <summary>The region (or "actors" for a standalone actor).</summary>
    public string Group { get; }

    /// <summary>The actor's name.</summary>
    public string Actor { get; }

    /// <summary>Messages accepted into the mailbox.</summary>
    public long Received => Volatile.Read(ref ReceivedCount);

    /// <summary>Messages handled without an exception.</summary>
    public long Processed => Volatile.Read(ref ProcessedCount);

    /// <summary>Messages whose handler threw.</summary>
    public long Failed => Volatile.Read(ref FailedCount);

    /// <summary>Messages reported as dead letters (failed, or left in the mailbox at stop).</summary>
    public long DeadLettered => Volatile.Read(ref DeadLetteredCount);

    /// <summary>Restarts by supervision.</summary>
    public long Restarts => Volatile.Read(ref RestartCount);

    /// <summary>Messages waiting in the mailbox.</summary>
    public int MailboxDepth => MailboxDepthProbe?.Invoke() ?? 0;
}
