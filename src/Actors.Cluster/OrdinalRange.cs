namespace Actors.Cluster;

/// <summary>A non-empty half-open range of record ordinals, <c>[Start, End)</c>.</summary>
public readonly record struct OrdinalRange
{
    /// <summary>Creates the range <c>[start, end)</c>.</summary>
    /// <param name="start">First ordinal, at least 0.</param>
    /// <param name="end">One past the last ordinal; greater than <paramref name="start"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or starts below 0.</exception>
    public OrdinalRange(long start, long end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(end, start);
        Start = start;
        End = end;
    }

    /// <summary>First ordinal in the range.</summary>
    public long Start { get; }

    /// <summary>One past the last ordinal in the range.</summary>
    public long End { get; }

    /// <summary>Number of ordinals in the range.</summary>
    public long Count => End - Start;

    /// <summary>Whether <paramref name="ordinal"/> lies in the range.</summary>
    public bool Contains(long ordinal) => ordinal >= Start && ordinal < End;

    /// <summary>Returns <c>start-last</c> (inclusive), or just <c>start</c> for a single ordinal.</summary>
    public override string ToString() => Count == 1
        ? Start.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Start}-{End - 1}");
}
