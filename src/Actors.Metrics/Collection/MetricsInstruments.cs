using System.Diagnostics.Metrics;

namespace Actors.Metrics.Collection;

/// <summary>The <c>Actors.Metrics</c> meter: what the metrics machinery itself could not do.</summary>
internal static class MetricsInstruments
{
    public const string MeterName = "Actors.Metrics";

    private static readonly Meter s_meter = new(MeterName);

    /// <summary>Observable instrument callbacks that threw while being observed.</summary>
    public static Counter<long> ObserveFailures { get; } = s_meter.CreateCounter<long>(
        "actors.metrics.observe_failures", "{failure}", "Observable instrument callbacks that threw during a collection.");

    /// <summary>Series left out because two instruments map to one Prometheus name with different types or buckets (counted at each collection).</summary>
    public static Counter<long> Conflicts { get; } = s_meter.CreateCounter<long>(
        "actors.metrics.conflicts", "{series}", "Series left out, at each collection, because two instruments map to one Prometheus name with different types or buckets.");

    /// <summary>Snapshot writes that failed.</summary>
    public static Counter<long> SnapshotFailures { get; } = s_meter.CreateCounter<long>(
        "actors.metrics.snapshot_failures", "{failure}", "Metrics snapshots that could not be written to a sink.");
}
