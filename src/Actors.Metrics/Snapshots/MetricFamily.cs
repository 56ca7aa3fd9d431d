using System.Text.Json.Serialization;

namespace Actors.Metrics.Snapshots;

/// <summary>A metric family: a Prometheus name, a type, help text and its series.</summary>
public sealed class MetricFamily
{
    /// <summary>
    /// The Prometheus name, as written on the family's <c>TYPE</c> line: instrument <c>actors.stream.stage.in</c>
    /// becomes <c>actors_stream_stage_in_total</c>, <c>actors.stream.stage.latency</c> (ms) becomes
    /// <c>actors_stream_stage_latency_seconds</c>.
    /// </summary>
    public required string Name { get; init; }

    /// <summary>The family's type.</summary>
    public required MetricType Type { get; init; }

    /// <summary>The instrument's description; empty when it has none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Help { get; init; } = "";

    /// <summary>The series, one per label set.</summary>
    public required IReadOnlyList<MetricSeries> Series { get; init; }

    /// <summary>Sum of the values (counters, gauges) or of the counts (histograms) of the series that match <paramref name="filter"/>.</summary>
    public double Sum(Func<MetricSeries, bool>? filter = null)
    {
        double sum = 0;
        foreach (var series in Series)
        {
            if (filter is null || filter(series))
            {
                sum += series.Histogram is { } h ? h.Count : series.Value;
            }
        }

        return sum;
    }
}
