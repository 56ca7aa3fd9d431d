using Actors.Metrics.Snapshots;

namespace Actors.Metrics.Dashboard;

/// <summary>Derived values: rates between two snapshots, and time left from done, total and rate.</summary>
public static class MetricsMath
{
    /// <summary>
    /// Change per second of a counter from <paramref name="before"/> to <paramref name="now"/> over
    /// <paramref name="windowSeconds"/>; null without a previous value or a positive window, or when the counter went
    /// down (the process restarted).
    /// </summary>
    public static double? Rate(double now, double? before, double? windowSeconds)
    {
        if (before is not { } earlier || windowSeconds is not ({ } window and > 0) || now < earlier)
        {
            return null;
        }

        return (now - earlier) / window;
    }

    /// <summary>
    /// Per-second rate of family <paramref name="family"/> (sum of the series that pass <paramref name="filter"/>)
    /// between two snapshots; null when either lacks it or the window is not positive.
    /// </summary>
    public static double? Rate(MetricsSnapshot? previous, MetricsSnapshot current, string family, Func<MetricSeries, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (previous?.Find(family) is not { } before || current.Find(family) is not { } now)
        {
            return null;
        }

        return Rate(now.Sum(filter), before.Sum(filter), (current.Time - previous.Time).TotalSeconds);
    }

    /// <summary>
    /// Seconds until <paramref name="done"/> reaches <paramref name="total"/> at <paramref name="perSecond"/>: 0 when
    /// done, null when the total or a positive rate is unknown.
    /// </summary>
    public static double? EtaSeconds(double done, double? total, double? perSecond)
    {
        if (total is not { } expected)
        {
            return null;
        }

        if (done >= expected)
        {
            return 0;
        }

        return perSecond is { } rate and > 0 ? (expected - done) / rate : null;
    }
}
