using System.Text.Json.Serialization;

namespace Actors.Metrics.Snapshots;

/// <summary>One time series of a family: its label set and its value (or histogram state).</summary>
public sealed class MetricSeries
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    /// <summary>Label names (Prometheus syntax) to values.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = NoLabels;

    /// <summary>The value of a counter or gauge (0 for histograms), in the family's unit.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double Value { get; init; }

    /// <summary>The state of a histogram series; null for counters and gauges.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HistogramData? Histogram { get; init; }

    /// <summary>The value of label <paramref name="name"/>, or an empty string when the series has no such label.</summary>
    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : "";
}
