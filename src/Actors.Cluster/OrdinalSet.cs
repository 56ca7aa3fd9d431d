using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace Actors.Cluster;

/// <summary>
/// An immutable set of record ordinals kept as sorted, disjoint, non-adjacent ranges, so the ordinals a shard has
/// committed stay small however out of order inference completes them (a fully committed shard is one range).
/// Build one incrementally with <see cref="OrdinalSetBuilder"/>; store it with <see cref="ToBytes"/>.
/// </summary>
public sealed class OrdinalSet : IEquatable<OrdinalSet>
{
    private const byte FormatVersion = 1;

    // Invariant: sorted by Start, and for consecutive ranges a, b: a.End < b.Start (never touching), so the
    // representation of a set is unique and equality is a range-by-range comparison.
    private readonly OrdinalRange[] _ranges;

    private OrdinalSet(OrdinalRange[] ranges)
    {
        _ranges = ranges;
        long count = 0;
        foreach (var range in ranges)
        {
            count = checked(count + range.Count);
        }

        Count = count;
        Ranges = Array.AsReadOnly(ranges);
    }

    /// <summary>The empty set.</summary>
    public static OrdinalSet Empty { get; } = new([]);

    /// <summary>The ranges, ascending, disjoint and never adjacent.</summary>
    public ReadOnlyCollection<OrdinalRange> Ranges { get; }

    /// <summary>Number of ordinals in the set.</summary>
    public long Count { get; }

    /// <summary>Whether the set has no ordinals.</summary>
    public bool IsEmpty => _ranges.Length == 0;

    /// <summary>Smallest ordinal; throws when empty.</summary>
    /// <exception cref="InvalidOperationException">The set is empty.</exception>
    public long Min => IsEmpty ? throw new InvalidOperationException("The ordinal set is empty.") : _ranges[0].Start;

    /// <summary>Largest ordinal; throws when empty.</summary>
    /// <exception cref="InvalidOperationException">The set is empty.</exception>
    public long Max => IsEmpty ? throw new InvalidOperationException("The ordinal set is empty.") : _ranges[^1].End - 1;

    /// <summary>The set <c>[start, end)</c>; empty when <paramref name="end"/> equals <paramref name="start"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is negative or <paramref name="end"/> is below it.</exception>
    public static OrdinalSet FromRange(long start, long end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        return end == start ? Empty : new OrdinalSet([new OrdinalRange(start, end)]);
    }

    /// <summary>The set of the given ordinals, in any order, duplicates allowed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An ordinal is negative.</exception>
    public static OrdinalSet Of(params ReadOnlySpan<long> ordinals)
    {
        var builder = new OrdinalSetBuilder();
        foreach (var ordinal in ordinals)
        {
            builder.Add(ordinal);
        }

        return builder.ToOrdinalSet();
    }

    /// <summary>The union of the given ranges, in any order, overlaps allowed.</summary>
    public static OrdinalSet FromRanges(IEnumerable<OrdinalRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var builder = new OrdinalSetBuilder();
        foreach (var range in ranges)
        {
            builder.AddRange(range.Start, range.End);
        }

        return builder.ToOrdinalSet();
    }

    /// <summary>Creates a set from ranges already in canonical form (sorted, disjoint, non-adjacent).</summary>
    internal static OrdinalSet FromCanonical(OrdinalRange[] ranges) => ranges.Length == 0 ? Empty : new OrdinalSet(ranges);

    /// <summary>Whether <paramref name="ordinal"/> is in the set. O(log ranges).</summary>
    public bool Contains(long ordinal)
    {
        var index = FindRange(_ranges, ordinal);
        return index >= 0;
    }

    /// <summary>The ordinals in this set or in <paramref name="other"/>. O(ranges of both).</summary>
    public OrdinalSet Union(OrdinalSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        var a = _ranges;
        var b = other._ranges;
        var merged = new List<OrdinalRange>(a.Length + b.Length);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            var next = j >= b.Length || (i < a.Length && a[i].Start <= b[j].Start) ? a[i++] : b[j++];
            if (merged.Count > 0 && next.Start <= merged[^1].End)
            {
                var last = merged[^1];
                if (next.End > last.End)
                {
                    merged[^1] = new OrdinalRange(last.Start, next.End);
                }
            }
            else
            {
                merged.Add(next);
            }
        }

        return new OrdinalSet([.. merged]);
    }

    /// <summary>The ordinals in this set that are not in <paramref name="other"/>. O(ranges of both).</summary>
    public OrdinalSet Except(OrdinalSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (IsEmpty || other.IsEmpty)
        {
            return this;
        }

        var result = new List<OrdinalRange>(_ranges.Length);
        var b = other._ranges;
        var j = 0;
        foreach (var range in _ranges)
        {
            var start = range.Start;
            while (j < b.Length && b[j].End <= start)
            {
                j++;
            }

            // Cut every range of `other` that overlaps [start, range.End) out of it; `other`'s ranges are sorted,
            // so k only moves forward and the next range of this set resumes from j.
            var k = j;
            while (k < b.Length && b[k].Start < range.End)
            {
                if (b[k].Start > start)
                {
                    result.Add(new OrdinalRange(start, b[k].Start));
                }

                start = Math.Max(start, b[k].End);
                if (b[k].End > range.End)
                {
                    break;
                }

                k++;
            }

            if (start < range.End)
            {
                result.Add(new OrdinalRange(start, range.End));
            }
        }

        return FromCanonical([.. result]);
    }

    /// <summary>Whether this set and <paramref name="other"/> share an ordinal.</summary>
    public bool Overlaps(OrdinalSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var a = _ranges;
        var b = other._ranges;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i].End <= b[j].Start)
            {
                i++;
            }
            else if (b[j].End <= a[i].Start)
            {
                j++;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether every ordinal of <paramref name="other"/> is in this set.</summary>
    public bool IsSupersetOf(OrdinalSet other) => other.Except(this).IsEmpty;

    /// <summary>
    /// A compact binary form: a version byte, the range count, then per range the gap from the previous range's end
    /// and the range length, all as unsigned LEB128 varints (a contiguous shard of any size takes a few bytes).
    /// </summary>
    public byte[] ToBytes()
    {
        var buffer = new byte[1 + (_ranges.Length * 20) + 10];
        var position = 0;
        buffer[position++] = FormatVersion;
        position += WriteVarint(buffer.AsSpan(position), (ulong)_ranges.Length);
        long previousEnd = 0;
        foreach (var range in _ranges)
        {
            position += WriteVarint(buffer.AsSpan(position), (ulong)(range.Start - previousEnd));
            position += WriteVarint(buffer.AsSpan(position), (ulong)range.Count);
            previousEnd = range.End;
        }

        return buffer.AsSpan(0, position).ToArray();
    }

    /// <summary>Reads the form written by <see cref="ToBytes"/>.</summary>
    /// <exception cref="FormatException">The bytes are not a valid ordinal set.</exception>
    public static OrdinalSet FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty || bytes[0] != FormatVersion)
        {
            throw new FormatException($"Not an ordinal set: expected format version {FormatVersion}.");
        }

        var position = 1;
        var count = ReadVarint(bytes, ref position);
        if (count > (ulong)bytes.Length)
        {
            throw new FormatException("Corrupt ordinal set: range count exceeds the data.");
        }

        var ranges = new OrdinalRange[(int)count];
        long previousEnd = 0;
        for (var i = 0; i < ranges.Length; i++)
        {
            var gap = ReadVarint(bytes, ref position);
            var length = ReadVarint(bytes, ref position);
            if ((i > 0 && gap == 0) || length == 0 || gap > long.MaxValue || length > long.MaxValue)
            {
                throw new FormatException($"Corrupt ordinal set: range {i} is empty or touches the previous one.");
            }

            try
            {
                var start = checked(previousEnd + (long)gap);
                var end = checked(start + (long)length);
                ranges[i] = new OrdinalRange(start, end);
                previousEnd = end;
            }
            catch (OverflowException e)
            {
                throw new FormatException($"Corrupt ordinal set: range {i} overflows.", e);
            }
        }

        if (position != bytes.Length)
        {
            throw new FormatException("Corrupt ordinal set: trailing bytes.");
        }

        return FromCanonical(ranges);
    }

    /// <summary>Parses the form written by <see cref="ToString"/>, for example <c>0-99,105,200-299</c> (inclusive).</summary>
    /// <exception cref="FormatException">The text is not a list of ordinals and inclusive ranges.</exception>
    public static OrdinalSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new OrdinalSetBuilder();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', 1);
            if (dash < 0)
            {
                builder.Add(ParseOrdinal(part, text));
            }
            else
            {
                var first = ParseOrdinal(part[..dash], text);
                var last = ParseOrdinal(part[(dash + 1)..], text);
                if (last < first || last == long.MaxValue)
                {
                    throw new FormatException($"\"{part}\" in \"{text}\" is not a range first-last with first <= last.");
                }

                builder.AddRange(first, last + 1);
            }
        }

        return builder.ToOrdinalSet();
    }

    /// <summary>Inclusive ranges separated by commas, for example <c>0-99,105,200-299</c>; empty for the empty set.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var range in _ranges)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(range.ToString());
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public bool Equals(OrdinalSet? other) => other is not null && _ranges.AsSpan().SequenceEqual(other._ranges);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as OrdinalSet);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var range in _ranges)
        {
            hash.Add(range);
        }

        return hash.ToHashCode();
    }

    /// <summary>Index of the range that holds <paramref name="ordinal"/>, or the bitwise complement of the insertion index.</summary>
    internal static int FindRange(IReadOnlyList<OrdinalRange> ranges, long ordinal)
    {
        int low = 0, high = ranges.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var range = ranges[middle];
            if (ordinal < range.Start)
            {
                high = middle - 1;
            }
            else if (ordinal >= range.End)
            {
                low = middle + 1;
            }
            else
            {
                return middle;
            }
        }

        return ~low;
    }

    private static long ParseOrdinal(string value, string text) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
            ? ordinal
            : throw new FormatException($"\"{value}\" in \"{text}\" is not a non-negative ordinal.");

    private static int WriteVarint(Span<byte> destination, ulong value)
    {
        var written = 0;
        while (value >= 0x80)
        {
            destination[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[written++] = (byte)value;
        return written;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> source, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= source.Length)
            {
                throw new FormatException("Corrupt ordinal set: truncated varint.");
            }

            var b = source[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("Corrupt ordinal set: varint longer than 64 bits.");
    }
}
