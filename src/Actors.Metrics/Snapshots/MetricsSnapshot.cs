using System.Text.Json;
using System.Text.Json.Serialization;
using Actors.Metrics.Prometheus;

namespace Actors.Metrics.Snapshots;

/// <summary>
/// The metrics of one process (or the merge of several) at one moment, in Prometheus terms: families of
/// series with names, types, units and label names already mapped. It is what the endpoint serves, what
/// <c>DIR/metrics.json</c> and the run store hold (as JSON, <see cref="ToJson"/>), and what <c>actors watch</c>
/// reads back from any source.
/// </summary>
public sealed class MetricsSnapshot
{
    /// <summary>The value of <see cref="Format"/> this version writes and reads.</summary>
    public const string CurrentFormat = "actors-metrics/1";

    /// <summary>Identifies the JSON layout, so a reader can refuse a layout it does not know.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>When the values were read.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The node or process the values come from (empty when unknown or merged).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Node { get; init; } = "";

    /// <summary>The metric families, ordered by name.</summary>
    public required IReadOnlyList<MetricFamily> Families { get; init; }

    /// <summary>The family named <paramref name="name"/> (Prometheus name), or null.</summary>
    public MetricFamily? Find(string name)
    {
        foreach (var family in Families)
        {
            if (family.Name == name)
            {
                return family;
            }
        }

        return null;
    }

    /// <summary>Serializes the snapshot as one JSON object (UTF-8 text, no indentation).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, MetricsJsonContext.Default.MetricsSnapshot);

    /// <summary>Serializes the snapshot as UTF-8 JSON bytes.</summary>
    public byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, MetricsJsonContext.Default.MetricsSnapshot);

    /// <summary>Renders the snapshot in the Prometheus text exposition format (version 0.0.4).</summary>
    public string ToPrometheusText() => PrometheusTextWriter.Write(this);

    /// <summary>Reads a snapshot written by <see cref="ToJson"/>.</summary>
    /// <returns>The snapshot, or the reason the text is not one.</returns>
    public static MetricsReadResult FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var snapshot = JsonSerializer.Deserialize(json, MetricsJsonContext.Default.MetricsSnapshot);
            return Validate(snapshot);
        }
        catch (JsonException e)
        {
            return MetricsReadResult.Failed($"not a metrics snapshot: {e.Message}");
        }
    }

    /// <summary>Reads a snapshot from UTF-8 JSON bytes.</summary>
    /// <returns>The snapshot, or the reason the bytes are not one.</returns>
    public static MetricsReadResult FromJson(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var snapshot = JsonSerializer.Deserialize(utf8Json, MetricsJsonContext.Default.MetricsSnapshot);
            return Validate(snapshot);
        }
        catch (JsonException e)
        {
            return MetricsReadResult.Failed($"not a metrics snapshot: {e.Message}");
        }
    }

    /// <summary>
    /// Adds up the snapshots of several nodes: series with the same family and labels are summed (counters,
    /// gauges, histograms with equal bounds); the time is the latest of the inputs. A family whose type differs
    /// between inputs keeps the first type seen and ignores the others.
    /// </summary>
    public static MetricsSnapshot Merge(IReadOnlyList<MetricsSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count == 1)
        {
            return snapshots[0];
        }

        var merger = new SeriesMerger();
        var time = DateTimeOffset.MinValue;
        foreach (var snapshot in snapshots)
        {
            time = snapshot.Time > time ? snapshot.Time : time;
            foreach (var family in snapshot.Families)
            {
                foreach (var series in family.Series)
                {
                    merger.Add(family.Name, family.Type, family.Help, series.Labels, series.Value, series.Histogram);
                }
            }
        }

        return new MetricsSnapshot { Time = snapshots.Count == 0 ? DateTimeOffset.UnixEpoch : time, Families = merger.Build() };
    }

    private static MetricsReadResult Validate(MetricsSnapshot? snapshot)
    {
        if (snapshot is null)
        {
            return MetricsReadResult.Failed("not a metrics snapshot: the JSON is null");
        }

        if (snapshot.Format != CurrentFormat)
        {
            return MetricsReadResult.Failed($"unknown metrics snapshot format '{snapshot.Format}'; this build reads '{CurrentFormat}'");
        }

        foreach (var family in snapshot.Families ?? [])
        {
            if (family?.Series is null || string.IsNullOrEmpty(family.Name))
            {
                return MetricsReadResult.Failed("not a metrics snapshot: a family has no name or no series list");
            }

            foreach (var series in family.Series)
            {
                if (series?.Labels is null || (family.Type == MetricType.Histogram) != (series.Histogram is not null))
                {
                    return MetricsReadResult.Failed($"not a metrics snapshot: a series of {family.Name} is malformed");
                }

                if (series.Histogram is { } h && !IsConsistent(h))
                {
                    return MetricsReadResult.Failed($"not a metrics snapshot: a histogram of {family.Name} has decreasing buckets");
                }
            }
        }

        return snapshot.Families is null
            ? MetricsReadResult.Failed("not a metrics snapshot: no families")
            : MetricsReadResult.Succeeded([snapshot]);
    }

    private static bool IsConsistent(HistogramData histogram)
    {
        if (histogram.Buckets is null)
        {
            return false;
        }

        double previousBound = double.NegativeInfinity;
        long previousCount = 0;
        foreach (var bucket in histogram.Buckets)
        {
            if (bucket is null || !(bucket.UpperBound > previousBound) || bucket.CumulativeCount < previousCount)
            {
                return false;
            }

            previousBound = bucket.UpperBound;
            previousCount = bucket.CumulativeCount;
        }

        return histogram.Count >= previousCount;
    }
}
