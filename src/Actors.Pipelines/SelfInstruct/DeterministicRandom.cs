namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// SplitMix64: a tiny generator whose stream is fixed by its seed on every runtime and platform, so prompt k
/// of a run can be rebuilt alone (the seed is derived from the run seed and k, not from a shared stream).
/// </summary>
internal struct DeterministicRandom
{
    private ulong _state;

    public DeterministicRandom(ulong seed) => _state = seed;

    /// <summary>A generator for item <paramref name="index"/> of a run seeded with <paramref name="seed"/>.</summary>
    public static DeterministicRandom ForIndex(long seed, long index, ulong stream = 0)
    {
        var mixed = Mix(unchecked((ulong)seed) ^ Mix(unchecked((ulong)index) + 0x9E3779B97F4A7C15UL) ^ Mix(stream + 0x632BE59BD9B4E019UL));
        return new DeterministicRandom(mixed);
    }

    /// <summary>The SplitMix64 finaliser: a bijective scramble of 64 bits.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, bound), without modulo bias.</summary>
    public int Next(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var limit = ulong.MaxValue - (ulong.MaxValue % (ulong)bound);
        ulong value;
        do
        {
            value = NextUInt64();
        }
        while (value >= limit);
        return (int)(value % (ulong)bound);
    }

    /// <summary><paramref name="count"/> distinct indices in [0, n) (Floyd's algorithm: O(count) work for any n).</summary>
    public List<int> SampleDistinct(int n, int count)
    {
        count = Math.Min(count, n);
        var chosen = new List<int>(count);
        var set = new HashSet<int>();
        for (var j = n - count; j < n; j++)
        {
            var t = Next(j + 1);
            var pick = set.Add(t) ? t : j;
            if (pick == j)
            {
                set.Add(j);
            }

            chosen.Add(pick);
        }

        return chosen;
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
