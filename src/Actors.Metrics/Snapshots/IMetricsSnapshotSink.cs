namespace Actors.Metrics.Snapshots;

/// <summary>
/// Where a process puts its periodic snapshots: <c>DIR/metrics.json</c> (<see cref="MetricsFileSink"/>) or the
/// run store (implemented there, keyed by <see cref="MetricsSnapshot.Node"/>; store the text of
/// <see cref="MetricsSnapshot.ToJson"/>). <see cref="MetricsSnapshotPublisher"/> calls it every
/// <c>actors.metrics.snapshot-interval</c>, never concurrently with itself.
/// </summary>
public interface IMetricsSnapshotSink
{
    /// <summary>Stores <paramref name="snapshot"/>, replacing the previous one of the same node.</summary>
    /// <exception cref="IOException">Or any store exception: the publisher counts it and tries again next time.</exception>
    ValueTask WriteAsync(MetricsSnapshot snapshot, CancellationToken cancellationToken);
}
