namespace Actors.Metrics.Snapshots;

/// <summary>
/// Where <c>actors watch</c> reads metrics from: a <c>/metrics</c> URL (<see cref="Prometheus.PrometheusScrapeSource"/>),
/// a run directory (<see cref="MetricsFileSource"/>) or the run store (implemented there: the latest snapshot of
/// each node, read back with <see cref="MetricsSnapshot.FromJson(string)"/>).
/// </summary>
public interface IMetricsSnapshotSource
{
    /// <summary>What is read, for messages (a URL, a path, a store description without secrets).</summary>
    string Description { get; }

    /// <summary>Reads the latest snapshot of every node or process the source knows.</summary>
    /// <returns>The snapshots, or why none could be read. Expected failures are results, not exceptions.</returns>
    ValueTask<MetricsReadResult> ReadAsync(CancellationToken cancellationToken);
}
