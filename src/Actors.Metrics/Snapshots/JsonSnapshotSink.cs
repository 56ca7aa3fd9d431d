namespace Actors.Metrics.Snapshots;

/// <summary>
/// A sink that hands each snapshot's JSON (<see cref="MetricsSnapshot.ToJson"/>) to a store, such as
/// <c>IRunStore.RecordNodeMetricsAsync</c>, without this library knowing the store.
/// </summary>
/// <example>
/// <code>
/// var sink = new JsonSnapshotSink((json, ct) => store.RecordNodeMetricsAsync(nodeId, json, ct));
/// </code>
/// </example>
/// <param name="writeJson">Stores one snapshot's JSON text for this node, replacing or adding to the previous one.</param>
public sealed class JsonSnapshotSink(Func<string, CancellationToken, Task> writeJson) : IMetricsSnapshotSink
{
    private readonly Func<string, CancellationToken, Task> _writeJson = writeJson ?? throw new ArgumentNullException(nameof(writeJson));

    /// <inheritdoc/>
    public async ValueTask WriteAsync(MetricsSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await _writeJson(snapshot.ToJson(), cancellationToken).ConfigureAwait(false);
    }
}
