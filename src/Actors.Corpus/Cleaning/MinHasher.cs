using System.Numerics;
using System.Runtime.InteropServices;

namespace Actors.Corpus.Cleaning;

/// <summary>
/// MinHash signatures over word shingles. Each shingle (k consecutive case-folded words) gets one well-mixed 32-bit
/// hash y; permutation p maps it to (y XOR s_p) * a_p mod 2^32 (a_p odd, so each map is a bijection whose high bits
/// depend on every input bit), and the signature keeps the minimum per permutation. Vectorised over permutations
/// with 32-bit lanes (8 per AVX2 register).
/// </summary>
internal sealed class MinHasher
{
    private const ulong ShingleBase = 0x100000001B3UL;

    private readonly uint[] _xor;
    private readonly uint[] _multiply;
    private readonly int _shingleWords;
    private readonly ulong _basePower;
    private uint[] _shingles = new uint[1024];

    public MinHasher(int permutations, int shingleWords, long seed)
    {
        _shingleWords = shingleWords;

        // Padded to whole vectors; the padding lanes are computed and ignored.
        var width = Vector<uint>.Count;
        var padded = (permutations + width - 1) / width * width;
        _xor = new uint[padded];
        _multiply = new uint[padded];
        Permutations = permutations;
        var state = (ulong)seed ^ 0xD1B54A32D192ED03UL;
        for (var p = 0; p < padded; p++)
        {
            state += Hashing.Golden;
            var mixed = Hashing.Mix(state);
            _xor[p] = (uint)mixed;
            _multiply[p] = (uint)(mixed >> 32) | 1;
        }

        _basePower = 1;
        for (var i = 1; i < shingleWords; i++)
        {
            _basePower *= ShingleBase;
        }
    }

    public int Permutations { get; }

    /// <summary>Fills <paramref name="signature"/> (one value per permutation) for the words of a segment.</summary>
    public void Sign(ReadOnlySpan<ulong> words, Span<uint> signature)
    {
        var shingles = Shingles(words);
        var xors = MemoryMarshal.Cast<uint, Vector<uint>>(_xor.AsSpan());
        var multipliers = MemoryMarshal.Cast<uint, Vector<uint>>(_multiply.AsSpan());
        var width = Vector<uint>.Count;
        Span<uint> lanes = stackalloc uint[width];
        for (var v = 0; v < xors.Length; v++)
        {
            var s = xors[v];
            var a = multipliers[v];
            var min = new Vector<uint>(uint.MaxValue);
            foreach (var y in shingles)
            {
                min = Vector.Min(min, (new Vector<uint>(y) ^ s) * a);
            }

            var first = v * width;
            if (first + width <= Permutations)
            {
                min.CopyTo(signature[first..]);
            }
            else
            {
                min.CopyTo(lanes);
                lanes[..(Permutations - first)].CopyTo(signature[first..]);
            }
        }
    }

    /// <summary>One hash per shingle of k consecutive words (a rolling polynomial hash, then mixed); all words as one shingle when there are fewer.</summary>
    private ReadOnlySpan<uint> Shingles(ReadOnlySpan<ulong> words)
    {
        var k = _shingleWords;
        if (words.Length <= k)
        {
            var h = 0UL;
            foreach (var w in words)
            {
                h = h * ShingleBase + w;
            }

            _shingles[0] = Fold(h ^ (ulong)words.Length);
            return _shingles.AsSpan(0, 1);
        }

        var count = words.Length - k + 1;
        if (_shingles.Length < count)
        {
            _shingles = new uint[Math.Max(count, _shingles.Length * 2)];
        }

        var rolling = 0UL;
        for (var i = 0; i < k; i++)
        {
            rolling = rolling * ShingleBase + words[i];
        }

        _shingles[0] = Fold(rolling ^ (ulong)k);
        for (var i = 1; i < count; i++)
        {
            rolling = (rolling - words[i - 1] * _basePower) * ShingleBase + words[i + k - 1];
            _shingles[i] = Fold(rolling ^ (ulong)k);
        }

        return _shingles.AsSpan(0, count);
    }

    private static uint Fold(ulong h)
    {
        var mixed = Hashing.Mix(h);
        return (uint)(mixed ^ (mixed >> 32));
    }
}
