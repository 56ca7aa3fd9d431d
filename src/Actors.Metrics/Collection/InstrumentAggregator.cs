using Actors.Metrics.Snapshots;

namespace Actors.Metrics.Collection;

/// <summary>
/// Aggregates the measurements of one instrument. <see cref="Record(long, ReadOnlySpan{KeyValuePair{string, object}})"/>
/// runs on the hot path of whoever records (any thread, concurrently); <see cref="Collect"/> runs under the
/// collector's collection lock.
/// </summary>
internal abstract class InstrumentAggregator(string family, MetricType type, string help, double scale)
{
    /// <summary>The Prometheus family name.</summary>
    public string Family { get; } = family;

    public MetricType Type { get; } = type;

    public string Help { get; } = help;

    /// <summary>Factor from the instrument's unit to the family's unit (0.001 for ms → seconds).</summary>
    public double Scale { get; } = scale;

    public abstract void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Called before observable instruments are observed; observed aggregators forget the previous round.</summary>
    public virtual void BeginObservation()
    {
    }

    public abstract void Collect(SeriesMerger into);
}
