namespace Actors.Streams.Dsl;

/// <summary>The <c>actors.streams.actor</c> section: defaults for actors and entity regions.</summary>
public sealed record ActorSettings
{
    /// <summary>Messages queued per actor before senders wait. Default 1000.</summary>
    public int MailboxCapacity { get; init; } = 1000;

    /// <summary>Idle time after which an entity actor is passivated. Default 2 minutes.</summary>
    public TimeSpan PassivateAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an ask waits for its reply. Default 30 s.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
