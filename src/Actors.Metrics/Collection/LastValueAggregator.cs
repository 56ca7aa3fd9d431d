using Actors.Metrics.Snapshots;

namespace Actors.Metrics.Collection;

/// <summary>Synchronous gauges (<c>Gauge&lt;T&gt;.Record</c>): the last value recorded per tag set.</summary>
internal sealed class LastValueAggregator(string family, string help, double scale, int maxSeries)
    : InstrumentAggregator(family, MetricType.Gauge, help, scale)
{
    private readonly SeriesTable<Cell> _series = new(static () => new Cell(), maxSeries);

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Record((double)value, tags);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        Volatile.Write(ref _series.Get(tags).Value, value);

    public override void Collect(SeriesMerger into)
    {
        foreach (var (key, cell) in _series.Entries)
        {
            into.Add(Family, Type, Help, key.Labels, Volatile.Read(ref cell.Value) * Scale, null);
        }
    }

    private sealed class Cell
    {
        public double Value;
    }
}
