namespace Actors.Metrics.Collection;

/// <summary>
/// Default histogram buckets when an instrument gives no advice (<c>InstrumentAdvice.HistogramBucketBoundaries</c>):
/// latency in seconds from 1 ms to 5 min for time units; tenths up to 1 for ratios (unit <c>1</c>); 0..10 in
/// steps of one for scores (judge ratings are small integers, so each gets its own bucket); a 1-2-5 series up to
/// 100 000 for other counts (tokens, sizes).
/// </summary>
internal static class HistogramBounds
{
    /// <summary>Latency bounds, in seconds.</summary>
    public static IReadOnlyList<double> LatencySeconds { get; } =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    /// <summary>Score bounds: each small integer rating in its own bucket.</summary>
    public static IReadOnlyList<double> Scores { get; } = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    /// <summary>Bounds for ratios (unit <c>1</c>), such as batch occupancy.</summary>
    public static IReadOnlyList<double> Ratios { get; } = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

    /// <summary>Bounds for counts and sizes.</summary>
    public static IReadOnlyList<double> Counts { get; } =
        [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];

    /// <summary>
    /// The bounds for an instrument: its advice if valid (in its own unit), otherwise a default chosen by unit and name.
    /// Returns the bounds in the instrument's unit and in the exposed unit.
    /// </summary>
    public static (double[] Native, double[] Exposed) For(string instrumentName, string? unit, string exposedSuffix, double scale, IReadOnlyList<double>? advice)
    {
        if (advice is { Count: > 0 } && IsStrictlyIncreasing(advice))
        {
            double[] native = [.. advice];
            return (native, [.. native.Select(b => b * scale)]);
        }

        IReadOnlyList<double> exposed =
            exposedSuffix == "seconds" ? LatencySeconds
            : unit == "1" ? Ratios
            : instrumentName.Contains("score", StringComparison.OrdinalIgnoreCase) || (unit?.Contains("{score}", StringComparison.Ordinal) ?? false) ? Scores
            : Counts;
        return ([.. exposed.Select(b => b / scale)], [.. exposed]);
    }

    private static bool IsStrictlyIncreasing(IReadOnlyList<double> bounds)
    {
        for (int i = 0; i < bounds.Count; i++)
        {
            if (!double.IsFinite(bounds[i]) || (i > 0 && !(bounds[i] > bounds[i - 1])))
            {
                return false;
            }
        }

        return true;
    }
}
