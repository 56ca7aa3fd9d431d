namespace Actors.Metrics.Prometheus;

/// <summary>One violation of the exposition format, with the 1-based line it is on (0 for the text as a whole).</summary>
/// <param name="Line">The line number, 1-based; 0 when the error concerns the whole text.</param>
/// <param name="Message">What is wrong.</param>
public sealed record PrometheusParseError(int Line, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Line > 0 ? $"line {Line}: {Message}" : Message;
}
