namespace Actors.Metrics.Snapshots;

/// <summary>
/// What a snapshot source returned: the latest snapshot of each node or process it knows (usually one), or
/// why it could not read any (unreachable endpoint, missing or malformed file, store error).
/// </summary>
public sealed class MetricsReadResult
{
    private MetricsSnapshot? _merged;

    private MetricsReadResult(IReadOnlyList<MetricsSnapshot> snapshots, string? error)
    {
        Snapshots = snapshots;
        Error = error;
    }

    /// <summary>The snapshots read; empty when <see cref="Error"/> is set.</summary>
    public IReadOnlyList<MetricsSnapshot> Snapshots { get; }

    /// <summary>Why nothing could be read; null on success.</summary>
    public string? Error { get; }

    /// <summary>Whether the read succeeded.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>The single snapshot, or the merge of several (see <see cref="MetricsSnapshot.Merge"/>); null on failure.</summary>
    public MetricsSnapshot? Snapshot => Error is null && Snapshots.Count > 0 ? _merged ??= MetricsSnapshot.Merge(Snapshots) : null;

    /// <summary>A successful read.</summary>
    public static MetricsReadResult Succeeded(IReadOnlyList<MetricsSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        return new(snapshots, null);
    }

    /// <summary>A failed read with a message saying what and where.</summary>
    public static MetricsReadResult Failed(string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new([], error);
    }
}
