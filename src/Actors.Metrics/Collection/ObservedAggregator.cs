using Actors.Metrics.Snapshots;

namespace Actors.Metrics.Collection;

/// <summary>
/// Observable counters, up-down counters and gauges. Their callbacks report current values only while the
/// collector observes them (under its collection lock), so a plain dictionary suffices. Each round replaces
/// the previous one: a series that is no longer reported (a finished graph) disappears.
/// </summary>
internal sealed class ObservedAggregator(string family, MetricType type, string help, double scale, int maxSeries)
    : InstrumentAggregator(family, type, help, scale)
{
    private readonly Dictionary<TagKey, double> _values = new(TagKeyComparer.Instance);

    public override void BeginObservation() => _values.Clear();

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Record((double)value, tags);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = TagKey.Create(tags);
        if (_values.Count >= maxSeries && !_values.ContainsKey(key))
        {
            // Past the cap the remaining series add up into one, as synchronous instruments do.
            _values[TagKey.Overflow] = _values.GetValueOrDefault(TagKey.Overflow) + value;
            return;
        }

        // A callback that reports one tag set twice: the last report wins.
        _values[key] = value;
    }

    public override void Collect(SeriesMerger into)
    {
        foreach (var (key, value) in _values)
        {
            into.Add(Family, Type, Help, key.Labels, value * Scale, null);
        }
    }
}
