namespace Actors.Metrics.Snapshots;

/// <summary>One finite bucket of a histogram: observations less than or equal to <see cref="UpperBound"/>.</summary>
/// <param name="UpperBound">The bucket's inclusive upper bound (Prometheus <c>le</c>), in the family's unit.</param>
/// <param name="CumulativeCount">Observations at or below the bound (cumulative, as Prometheus exposes them).</param>
public sealed record HistogramBucket(double UpperBound, long CumulativeCount);
