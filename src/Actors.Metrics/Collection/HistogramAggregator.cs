using Actors.Metrics.Snapshots;

namespace Actors.Metrics.Collection;

/// <summary>
/// Histograms with explicit bucket bounds, kept in the instrument's own unit so recording never scales.
/// Recording is a binary search, one interlocked increment and a compare-and-swap on the sum. The count is
/// derived from the buckets, so the exposed <c>+Inf</c> bucket always equals <c>_count</c>.
/// </summary>
internal sealed class HistogramAggregator : InstrumentAggregator
{
    private readonly double[] _bounds;
    private readonly double[] _exposedBounds;
    private readonly SeriesTable<Cell> _series;

    // bounds: in the instrument's unit, strictly increasing; exposedBounds: the same in the family's unit (le labels).
    public HistogramAggregator(string family, string help, double scale, double[] bounds, double[] exposedBounds, int maxSeries)
        : base(family, MetricType.Histogram, help, scale)
    {
        _bounds = bounds;
        _exposedBounds = exposedBounds;
        _series = new SeriesTable<Cell>(() => new Cell(bounds.Length + 1), maxSeries);
    }

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Record((double)value, tags);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var cell = _series.Get(tags);
        int index = Array.BinarySearch(_bounds, value);
        // An exact match belongs to that bucket (le is inclusive); otherwise the next larger bound, or +Inf.
        Interlocked.Increment(ref cell.Counts[index >= 0 ? index : ~index]);
        double seen = Volatile.Read(ref cell.Sum);
        while (true)
        {
            double found = Interlocked.CompareExchange(ref cell.Sum, seen + value, seen);
            if (found.Equals(seen))
            {
                return;
            }

            seen = found;
        }
    }

    public override void Collect(SeriesMerger into)
    {
        foreach (var (key, cell) in _series.Entries)
        {
            var buckets = new HistogramBucket[_bounds.Length];
            long cumulative = 0;
            for (int i = 0; i < _bounds.Length; i++)
            {
                cumulative += Interlocked.Read(ref cell.Counts[i]);
                buckets[i] = new HistogramBucket(_exposedBounds[i], cumulative);
            }

            cumulative += Interlocked.Read(ref cell.Counts[_bounds.Length]);
            var data = new HistogramData { Buckets = buckets, Sum = Volatile.Read(ref cell.Sum) * Scale, Count = cumulative };
            into.Add(Family, Type, Help, key.Labels, 0, data);
        }
    }

    private sealed class Cell(int buckets)
    {
        public readonly long[] Counts = new long[buckets];
        public double Sum;
    }
}
