namespace Actors.Metrics.Dashboard;

/// <summary>One stream stage on the dashboard. Rates are per second over the window between two snapshots (null with one).</summary>
public sealed record StageStatus
{
    /// <summary>The graph (run options name).</summary>
    public required string Graph { get; init; }

    /// <summary>The stage's name within its graph.</summary>
    public required string Stage { get; init; }

    /// <summary>Elements taken from upstream.</summary>
    public double In { get; init; }

    /// <summary>Elements emitted downstream.</summary>
    public double Out { get; init; }

    /// <summary>Elements dropped.</summary>
    public double Dropped { get; init; }

    /// <summary>Exceptions seen.</summary>
    public double Failed { get; init; }

    /// <summary>Elements taken per second.</summary>
    public double? InPerSecond { get; init; }

    /// <summary>Elements emitted per second.</summary>
    public double? OutPerSecond { get; init; }

    /// <summary>Elements waiting in the stage's input edge.</summary>
    public double QueueDepth { get; init; }

    /// <summary>Elements being processed now.</summary>
    public double InFlight { get; init; }

    /// <summary>Mean time per element in milliseconds (over the window when there is one), for asynchronous stages.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>Estimated 95th percentile time per element in milliseconds.</summary>
    public double? LatencyP95Ms { get; init; }
}
