namespace Actors.Metrics.Dashboard;

/// <summary>Options of <see cref="MetricsWatch.RunAsync"/>.</summary>
public sealed record WatchOptions
{
    /// <summary>Print one view and exit.</summary>
    public bool Once { get; init; }

    /// <summary>Print JSON (one <see cref="DashboardView"/> object per line) instead of tables or text.</summary>
    public bool Json { get; init; }

    /// <summary>Time between reads. Default 2 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The clock for the interval and for node ages.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
