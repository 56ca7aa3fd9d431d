namespace Actors.Metrics.Snapshots;

/// <summary>Reads <c>DIR/metrics.json</c> of a run directory (or a snapshot file given directly).</summary>
public sealed class MetricsFileSource : IMetricsSnapshotSource
{
    /// <param name="path">A run directory, or the path of a snapshot file.</param>
    public MetricsFileSource(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = Directory.Exists(path) ? System.IO.Path.Combine(path, MetricsSnapshotFile.FileName) : path;
    }

    /// <summary>The snapshot file read.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public string Description => Path;

    /// <inheritdoc/>
    public async ValueTask<MetricsReadResult> ReadAsync(CancellationToken cancellationToken) =>
        await MetricsSnapshotFile.ReadAsync(Path, cancellationToken).ConfigureAwait(false);
}
