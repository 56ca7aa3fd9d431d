namespace Actors.Metrics.Snapshots;

/// <summary>
/// A source over a store that keeps snapshots as JSON text, one latest per node (such as
/// <c>IRunStore.GetLatestNodeMetricsAsync</c>). Rows that are not snapshots are skipped and named in the
/// error only when no row could be read; a store that throws gives a failed read, not an exception.
/// </summary>
/// <example>
/// <code>
/// var source = new JsonSnapshotSource("run store", async ct =>
///     [.. (await store.GetLatestNodeMetricsAsync(ct)).Select(row => row.SnapshotJson)]);
/// </code>
/// </example>
/// <param name="description">What is read, for messages; never include a password.</param>
/// <param name="readJson">Returns the latest snapshot JSON of every node.</param>
public sealed class JsonSnapshotSource(string description, Func<CancellationToken, Task<IReadOnlyList<string>>> readJson) : IMetricsSnapshotSource
{
    private readonly Func<CancellationToken, Task<IReadOnlyList<string>>> _readJson = readJson ?? throw new ArgumentNullException(nameof(readJson));

    /// <inheritdoc/>
    public string Description { get; } = description ?? throw new ArgumentNullException(nameof(description));

    /// <inheritdoc/>
    public async ValueTask<MetricsReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> rows;
        try
        {
            rows = await _readJson(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return MetricsReadResult.Failed($"{Description}: {e.Message}");
        }

        var snapshots = new List<MetricsSnapshot>(rows.Count);
        string? firstError = null;
        foreach (string json in rows)
        {
            var read = MetricsSnapshot.FromJson(json);
            if (read.Snapshot is { } snapshot)
            {
                snapshots.Add(snapshot);
            }
            else
            {
                firstError ??= read.Error;
            }
        }

        return snapshots.Count == 0 && firstError is not null
            ? MetricsReadResult.Failed($"{Description}: {firstError}")
            : MetricsReadResult.Succeeded(snapshots);
    }
}
