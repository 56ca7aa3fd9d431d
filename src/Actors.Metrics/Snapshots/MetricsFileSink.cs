namespace Actors.Metrics.Snapshots;

/// <summary>Writes snapshots to <c>DIR/metrics.json</c> of a run directory, atomically (see <see cref="MetricsSnapshotFile"/>).</summary>
/// <param name="runDirectory">The run's output directory; it must exist.</param>
public sealed class MetricsFileSink(string runDirectory) : IMetricsSnapshotSink
{
    /// <summary>The file written.</summary>
    public string Path { get; } = System.IO.Path.Combine(runDirectory, MetricsSnapshotFile.FileName);

    /// <inheritdoc/>
    public async ValueTask WriteAsync(MetricsSnapshot snapshot, CancellationToken cancellationToken) =>
        await MetricsSnapshotFile.WriteAsync(Path, snapshot, cancellationToken).ConfigureAwait(false);
}
