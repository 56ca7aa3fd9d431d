namespace Actors.Metrics.Dashboard;

/// <summary>
/// One inference device: every series with a <c>device</c> label, classified by family name (tokens, requests,
/// errors or failures, latency or duration histograms, in-flight or queue gauges).
/// </summary>
public sealed record DeviceStatus
{
    /// <summary>The device label's value.</summary>
    public required string Device { get; init; }

    /// <summary>The models seen on the device's series (<c>model</c> label), comma separated.</summary>
    public string Models { get; init; } = "";

    /// <summary>Requests completed.</summary>
    public double Requests { get; init; }

    /// <summary>Requests per second over the window.</summary>
    public double? RequestsPerSecond { get; init; }

    /// <summary>Tokens processed, prompt and completion.</summary>
    public double Tokens { get; init; }

    /// <summary>Tokens per second over the window.</summary>
    public double? TokensPerSecond { get; init; }

    /// <summary>Tokens generated: token families whose name, or <c>kind</c>/<c>type</c> label, says out, output, completion or generated.</summary>
    public double OutputTokens { get; init; }

    /// <summary>Tokens generated per second over the window.</summary>
    public double? OutputTokensPerSecond { get; init; }

    /// <summary>Errors and failures.</summary>
    public double Errors { get; init; }

    /// <summary>Errors per second over the window.</summary>
    public double? ErrorsPerSecond { get; init; }

    /// <summary>Mean request latency in milliseconds.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>Estimated 95th percentile latency in milliseconds.</summary>
    public double? LatencyP95Ms { get; init; }

    /// <summary>Requests in flight or queued now.</summary>
    public double InFlight { get; init; }
}
