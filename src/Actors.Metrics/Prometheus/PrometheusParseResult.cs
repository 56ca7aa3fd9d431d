using Actors.Metrics.Snapshots;

namespace Actors.Metrics.Prometheus;

/// <summary>The outcome of <see cref="PrometheusTextParser.Parse"/>: a snapshot, the errors found, or both (lenient mode).</summary>
public sealed class PrometheusParseResult
{
    internal PrometheusParseResult(MetricsSnapshot? snapshot, IReadOnlyList<PrometheusParseError> errors)
    {
        Snapshot = snapshot;
        Errors = errors;
    }

    /// <summary>
    /// The families read. In strict mode null whenever there is an error; in lenient mode the families of
    /// the lines that could be read (summaries are left out).
    /// </summary>
    public MetricsSnapshot? Snapshot { get; }

    /// <summary>Every violation found, in line order (histogram checks come last).</summary>
    public IReadOnlyList<PrometheusParseError> Errors { get; }

    /// <summary>Whether the text had no error.</summary>
    public bool IsValid => Errors.Count == 0;
}
