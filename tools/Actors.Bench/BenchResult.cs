using System.Text.Json;

namespace Actors.Bench;

/// <summary>One line of benchmark output: a measured value against a baseline measured in the same run.</summary>
internal sealed record BenchResult(string Scenario, string Metric, double Value, double Baseline, string Unit)
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public double Ratio => Baseline == 0 ? double.NaN : Value / Baseline;

    public string ToJson() => JsonSerializer.Serialize(new
    {
        scenario = Scenario,
        metric = Metric,
        value = Math.Round(Value, 1),
        baseline = Math.Round(Baseline, 1),
        ratio = Math.Round(Ratio, 3),
        unit = Unit,
    }, s_json);
}
