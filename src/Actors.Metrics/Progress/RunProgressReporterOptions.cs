namespace Actors.Metrics.Progress;

/// <summary>Options of a <see cref="RunProgressReporter"/>.</summary>
public sealed record RunProgressReporterOptions
{
    /// <summary>Time between plain progress lines when the output is not a terminal (<see cref="MetricsSettings.ProgressInterval"/>). Default 10 s.</summary>
    public TimeSpan PlainInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time between updates of the progress bars in a terminal. Default 200 ms.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The clock for the intervals; the progress model's clock when null.</summary>
    public TimeProvider? TimeProvider { get; init; }
}
