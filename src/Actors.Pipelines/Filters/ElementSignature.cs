using System.Numerics;

namespace Actors.Pipelines.Filters;

/// <summary>
/// A 64-bit summary of a text's element set (one bit per element, by a hash of its id) and the overlap
/// bound it gives: every element two texts share sets the same bit in both signatures, so the number of a
/// candidate's elements whose bit is set in a record's signature is at least their true overlap.
/// </summary>
internal readonly struct ElementSignature
{
    // For the candidate: how many of its elements map to each bit, for the bits hit more than once.
    private readonly int[]? _multiplicity;
    private readonly ulong _repeatedBits;

    private ElementSignature(ulong bits, ulong repeatedBits, int[]? multiplicity)
    {
        Bits = bits;
        _repeatedBits = repeatedBits;
        _multiplicity = multiplicity;
    }

    public ulong Bits { get; }

    public static int BitOf(int element) => (int)((uint)element * 2654435761u >> 26);

    public static ElementSignature Of(ReadOnlySpan<int> elements)
    {
        ulong bits = 0, repeated = 0;
        foreach (var e in elements)
        {
            var bit = 1UL << BitOf(e);
            repeated |= bits & bit;
            bits |= bit;
        }

        int[]? multiplicity = null;
        if (repeated != 0)
        {
            multiplicity = new int[64];
            foreach (var e in elements)
            {
                multiplicity[BitOf(e)]++;
            }
        }

        return new ElementSignature(bits, repeated, multiplicity);
    }

    /// <summary>An upper bound of the overlap between the texts with this signature and <paramref name="other"/>.</summary>
    public int OverlapBound(ulong other)
    {
        var common = Bits & other;
        var bound = BitOperations.PopCount(common);
        var repeated = common & _repeatedBits;
        while (repeated != 0)
        {
            var b = BitOperations.TrailingZeroCount(repeated);
            bound += _multiplicity![b] - 1;
            repeated &= repeated - 1;
        }

        return bound;
    }
}
