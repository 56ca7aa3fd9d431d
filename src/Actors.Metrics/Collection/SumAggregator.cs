using Actors.Metrics.Snapshots;

namespace Actors.Metrics.Collection;

/// <summary>
/// Counters and up-down counters: the sum per tag set. Integer measurements add to a long with one
/// interlocked add; floating-point ones to a double by compare-and-swap; the value is their sum.
/// </summary>
internal sealed class SumAggregator(string family, MetricType type, string help, double scale, int maxSeries)
    : InstrumentAggregator(family, type, help, scale)
{
    private readonly SeriesTable<Cell> _series = new(static () => new Cell(), maxSeries);

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        Interlocked.Add(ref _series.Get(tags).Integer, value);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        ref double target = ref _series.Get(tags).Real;
        double seen = Volatile.Read(ref target);
        while (true)
        {
            double found = Interlocked.CompareExchange(ref target, seen + value, seen);
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
            double value = Interlocked.Read(ref cell.Integer) + Volatile.Read(ref cell.Real);
            into.Add(Family, Type, Help, key.Labels, value * Scale, null);
        }
    }

    private sealed class Cell
    {
        public long Integer;
        public double Real;
    }
}
