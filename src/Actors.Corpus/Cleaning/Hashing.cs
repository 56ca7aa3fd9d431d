using System.Runtime.CompilerServices;

namespace Actors.Corpus.Cleaning;

/// <summary>The 64-bit hashing shared by the dedup indexes. Stable across runs, processes and machines.</summary>
internal static class Hashing
{
    public const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>The splitmix64 finaliser: a bijective mix with full avalanche.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x;
    }

    /// <summary>Hash of a word, case-folded (FNV-1a over lower-case UTF-16 code units, then mixed).</summary>
    public static ulong Word(ReadOnlySpan<char> word)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in word)
        {
            h = (h ^ Fold(c)) * 0x100000001B3UL;
        }

        return Mix(h);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char Fold(char c) => c < 128 ? (char)(c is >= 'A' and <= 'Z' ? c | 0x20 : c) : char.ToLowerInvariant(c);

    /// <summary>Maps a key into the non-zero range the sets use (0 marks an empty slot).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong NonZero(ulong key) => key == 0 ? Golden : key;
}
