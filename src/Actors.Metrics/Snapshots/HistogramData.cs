namespace Actors.Metrics.Snapshots;

/// <summary>
/// The state of one histogram series: cumulative finite buckets in increasing bound order, the sum of the
/// observations and their count (which is also the implicit <c>+Inf</c> bucket).
/// </summary>
public sealed class HistogramData
{
    /// <summary>Finite buckets, bounds strictly increasing, counts non-decreasing and at most <see cref="Count"/>.</summary>
    public required IReadOnlyList<HistogramBucket> Buckets { get; init; }

    /// <summary>Sum of all observations.</summary>
    public double Sum { get; init; }

    /// <summary>Number of observations.</summary>
    public long Count { get; init; }

    /// <summary>
    /// Estimates the <paramref name="quantile"/> (0..1) by linear interpolation inside the bucket that holds it,
    /// the way Prometheus' <c>histogram_quantile</c> does; null when there are no observations. A quantile that
    /// falls in the <c>+Inf</c> bucket returns the largest finite bound.
    /// </summary>
    public double? Quantile(double quantile)
    {
        if (Count <= 0 || double.IsNaN(quantile))
        {
            return null;
        }

        double rank = Math.Clamp(quantile, 0, 1) * Count;
        double lowerBound = 0;
        long lowerCount = 0;
        foreach (var bucket in Buckets)
        {
            if (bucket.CumulativeCount >= rank && bucket.CumulativeCount > lowerCount)
            {
                double fraction = (rank - lowerCount) / (bucket.CumulativeCount - lowerCount);
                // The first bucket's lower edge is 0 unless its bound is negative.
                double from = Math.Min(lowerBound, bucket.UpperBound);
                return from + ((bucket.UpperBound - from) * fraction);
            }

            lowerBound = bucket.UpperBound;
            lowerCount = bucket.CumulativeCount;
        }

        return Buckets.Count > 0 ? Buckets[^1].UpperBound : null;
    }

    /// <summary>The mean observation; null when there are none.</summary>
    public double? Mean => Count > 0 ? Sum / Count : null;

    /// <summary>
    /// Adds two histograms bucket by bucket; null when their bounds differ. A null operand yields the other.
    /// </summary>
    internal static HistogramData? Combine(HistogramData? a, HistogramData? b)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }

        if (a.Buckets.Count != b.Buckets.Count)
        {
            return null;
        }

        var buckets = new HistogramBucket[a.Buckets.Count];
        for (int i = 0; i < buckets.Length; i++)
        {
            if (a.Buckets[i].UpperBound != b.Buckets[i].UpperBound)
            {
                return null;
            }

            buckets[i] = new HistogramBucket(a.Buckets[i].UpperBound, a.Buckets[i].CumulativeCount + b.Buckets[i].CumulativeCount);
        }

        return new HistogramData { Buckets = buckets, Sum = a.Sum + b.Sum, Count = a.Count + b.Count };
    }

    /// <summary>
    /// The observations made between <paramref name="earlier"/> and this state (per-bucket differences). When
    /// the bounds differ or a count went down (the process restarted), this state is returned unchanged.
    /// </summary>
    public HistogramData Since(HistogramData? earlier)
    {
        if (earlier is null || earlier.Buckets.Count != Buckets.Count || earlier.Count > Count)
        {
            return this;
        }

        var buckets = new HistogramBucket[Buckets.Count];
        for (int i = 0; i < buckets.Length; i++)
        {
            var now = Buckets[i];
            var then = earlier.Buckets[i];
            if (now.UpperBound != then.UpperBound || then.CumulativeCount > now.CumulativeCount)
            {
                return this;
            }

            buckets[i] = new HistogramBucket(now.UpperBound, now.CumulativeCount - then.CumulativeCount);
        }

        return new HistogramData { Buckets = buckets, Sum = Sum - earlier.Sum, Count = Count - earlier.Count };
    }
}
