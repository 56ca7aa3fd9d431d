namespace Actors.Metrics.Dashboard;

/// <summary>The actors of one group (an entity region, or "actors" for standalone actors), added up.</summary>
public sealed record ActorGroupStatus
{
    /// <summary>The group's name.</summary>
    public required string Group { get; init; }

    /// <summary>Live actors in the group.</summary>
    public int Actors { get; init; }

    /// <summary>Messages handled.</summary>
    public double Processed { get; init; }

    /// <summary>Messages handled per second over the window.</summary>
    public double? ProcessedPerSecond { get; init; }

    /// <summary>Messages whose handler threw.</summary>
    public double Failed { get; init; }

    /// <summary>Messages that became dead letters.</summary>
    public double DeadLettered { get; init; }

    /// <summary>Restarts by supervision.</summary>
    public double Restarts { get; init; }

    /// <summary>Messages waiting in the group's mailboxes.</summary>
    public double MailboxDepth { get; init; }

    /// <summary>Mean handling time per message in milliseconds.</summary>
    public double? LatencyMs { get; init; }
}
