namespace Actors.Metrics.Collection;

/// <summary>Options of a <see cref="MetricsCollector"/>.</summary>
public sealed record MetricsCollectorOptions
{
    /// <summary>Meters whose name starts with this (ordinal) are collected. Default <c>Actors.</c>.</summary>
    public string MeterPrefix { get; init; } = "Actors.";

    /// <summary>The node or process name written into snapshots. Default: host name and process id.</summary>
    public string? Node { get; init; }

    /// <summary>Distinct tag sets kept per instrument before further ones fold into one overflow series. Default 2000.</summary>
    public int MaxSeriesPerInstrument { get; init; } = 2000;

    /// <summary>The clock that stamps snapshots.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
