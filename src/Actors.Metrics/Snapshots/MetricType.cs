namespace Actors.Metrics.Snapshots;

/// <summary>The Prometheus type of a metric family.</summary>
public enum MetricType
{
    /// <summary>A monotonic total (counters and observable counters); the family name ends in <c>_total</c>.</summary>
    Counter,

    /// <summary>A value that goes up and down (gauges, up-down counters).</summary>
    Gauge,

    /// <summary>A distribution in explicit buckets, exposed as <c>_bucket</c>, <c>_sum</c> and <c>_count</c>.</summary>
    Histogram,
}
