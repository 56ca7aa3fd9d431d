using System.Collections.Concurrent;

namespace Actors.Pipelines.Filters;

/// <summary>
/// Thread-safe counts of discarded elements by reason key (<c>too_short</c>, <c>blacklist:image</c>,
/// <c>truncated_last_item</c>, ...), so nothing is dropped without a trace.
/// </summary>
public sealed class RejectionCounts
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="count"/> to the count of <paramref name="reason"/>.</summary>
    public void Add(string reason, long count = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        _counts.AddOrUpdate(reason, count, (_, current) => current + count);
    }

    /// <summary>The count of one reason (0 when never seen).</summary>
    public long this[string reason] => _counts.GetValueOrDefault(reason);

    /// <summary>Sum over every reason.</summary>
    public long Total => _counts.Values.Sum();

    /// <summary>A copy of every count, ordered by reason key.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        new SortedDictionary<string, long>(_counts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
}
