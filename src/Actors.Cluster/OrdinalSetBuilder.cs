namespace Actors.Cluster;

/// <summary>
/// Collects ordinals as they complete, in any order, into an <see cref="OrdinalSet"/>. Adding the ordinal just
/// after the last range is O(1); any other add is O(log ranges) plus a shift of the ranges after it. Not thread-safe.
/// </summary>
public sealed class OrdinalSetBuilder
{
    // Same invariant as OrdinalSet: sorted, disjoint, never adjacent.
    private readonly List<OrdinalRange> _ranges = [];

    /// <summary>Number of ordinals collected.</summary>
    public long Count { get; private set; }

    /// <summary>Number of ranges the collected ordinals form.</summary>
    public int RangeCount => _ranges.Count;

    /// <summary>Adds one ordinal; adding one already present does nothing.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ordinal"/> is negative or <see cref="long.MaxValue"/>.</exception>
    public OrdinalSetBuilder Add(long ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(ordinal, long.MaxValue);
        return AddRange(ordinal, ordinal + 1);
    }

    /// <summary>Adds the ordinals <c>[start, end)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is negative or <paramref name="end"/> is below it.</exception>
    public OrdinalSetBuilder AddRange(long start, long end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        if (end == start)
        {
            return this;
        }

        // Fast path: completion mostly moves forward.
        if (_ranges.Count == 0 || start > _ranges[^1].End)
        {
            _ranges.Add(new OrdinalRange(start, end));
            Count += end - start;
            return this;
        }

        // First range that ends at or after `start` (it may touch or overlap the new one).
        int low = 0, high = _ranges.Count;
        while (low < high)
        {
            var middle = low + ((high - low) >> 1);
            if (_ranges[middle].End < start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        // Absorb every range that overlaps or touches [start, end).
        var first = low;
        var last = first;
        var mergedStart = start;
        var mergedEnd = end;
        var removed = 0L;
        while (last < _ranges.Count && _ranges[last].Start <= end)
        {
            mergedStart = Math.Min(mergedStart, _ranges[last].Start);
            mergedEnd = Math.Max(mergedEnd, _ranges[last].End);
            removed += _ranges[last].Count;
            last++;
        }

        if (last > first)
        {
            _ranges.RemoveRange(first, last - first);
        }

        _ranges.Insert(first, new OrdinalRange(mergedStart, mergedEnd));
        Count += mergedEnd - mergedStart - removed;
        return this;
    }

    /// <summary>Adds every ordinal of <paramref name="set"/>.</summary>
    public OrdinalSetBuilder UnionWith(OrdinalSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        foreach (var range in set.Ranges)
        {
            AddRange(range.Start, range.End);
        }

        return this;
    }

    /// <summary>Whether <paramref name="ordinal"/> has been added.</summary>
    public bool Contains(long ordinal) => OrdinalSet.FindRange(_ranges, ordinal) >= 0;

    /// <summary>Removes every ordinal.</summary>
    public void Clear()
    {
        _ranges.Clear();
        Count = 0;
    }

    /// <summary>The collected ordinals as an immutable set; the builder stays usable.</summary>
    public OrdinalSet ToOrdinalSet() => OrdinalSet.FromCanonical([.. _ranges]);
}
