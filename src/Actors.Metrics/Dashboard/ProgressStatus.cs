namespace Actors.Metrics.Dashboard;

/// <summary>Progress of one stage of a run (from <c>actors_run_stage_*</c>, published by <see cref="Progress.RunProgress"/>).</summary>
public sealed record ProgressStatus
{
    /// <summary>The run's name.</summary>
    public required string Run { get; init; }

    /// <summary>The stage's name.</summary>
    public required string Stage { get; init; }

    /// <summary>Items done.</summary>
    public double Done { get; init; }

    /// <summary>Items expected in all; null when unknown.</summary>
    public double? Expected { get; init; }

    /// <summary>Items per second: over the window when there is one, otherwise since the stage started.</summary>
    public double? PerSecond { get; init; }

    /// <summary>Estimated seconds until the stage is done; null when the total or the rate is unknown.</summary>
    public double? EtaSeconds { get; init; }
}
