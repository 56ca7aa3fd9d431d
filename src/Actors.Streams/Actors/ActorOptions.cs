using Actors.Streams.Supervision;

namespace Actors.Streams.Actors;

/// <summary>Settings of one actor. Defaults match <c>actors.streams.actor</c> in hocon/reference.conf.</summary>
public sealed record ActorOptions
{
    /// <summary>Messages the mailbox holds; a full mailbox makes <c>TellAsync</c> wait. Default 1000.</summary>
    public int MailboxCapacity { get; init; } = 1000;

    /// <summary>What to do when the handler throws. Default: stop the actor.</summary>
    public Decider Decider { get; init; } = Deciders.Stopping;

    /// <summary>Backoff between restarts (and the restart budget). Default: 200 ms to 30 s.</summary>
    public RestartSettings Restart { get; init; } = new();

    /// <summary>How long <c>AskAsync</c> waits for a reply by default. Default 30 s.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Receives every message the actor could not process (failed, or left when it stopped).</summary>
    public Action<DeadLetter>? DeadLetters { get; init; }
}
