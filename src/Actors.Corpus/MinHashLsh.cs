using Actors.Corpus.Cleaning;

namespace Actors.Corpus;

/// <summary>
/// Near-duplicate index: MinHash signatures of word shingles, cut into LSH bands; a segment is a near duplicate when
/// one of its band keys was added before. Bands and rows are chosen from the threshold and the number of
/// permutations (see <see cref="Bands"/>).
/// </summary>
/// <remarks>
/// Only band keys are stored (signatures are not), one 64-bit key per band per added segment: about 14 bytes per key
/// on average, so about <c>14 * Bands</c> bytes per segment (126 with the defaults, 9 bands; 96 to 192 depending on where
/// the table is in its doubling). Decisions depend only on
/// which keys are in the set, so re-adding persisted keys restores the index exactly. Candidates are not verified
/// against full signatures: the banding's S-curve is the decision, so the threshold is soft (see
/// <see cref="CandidateProbability"/>; with the defaults a pair of similarity 0.7 is caught 8% of the time, 0.8 40%,
/// 0.9 93%, 0.95 99.8%). Not thread-safe.
/// </remarks>
public sealed class MinHashLsh
{
    private readonly MinHasher _hasher;
    private readonly UInt64Set _keys = new();
    private readonly uint[] _signature;
    private readonly TextProfile _profile = new();
    private readonly ulong _seed;

    /// <summary>Creates an empty index.</summary>
    /// <param name="settings">Threshold, permutations, shingle size, seed.</param>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public MinHashLsh(MinHashSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        (Bands, Rows) = LshBands.Choose(settings.Threshold, settings.Permutations);
        _hasher = new MinHasher(settings.Permutations, settings.ShingleWords, settings.Seed);
        _signature = new uint[settings.Permutations];
        _seed = Hashing.Mix((ulong)settings.Seed + Hashing.Golden);
    }

    /// <summary>The settings the index was built with.</summary>
    public MinHashSettings Settings { get; }

    /// <summary>Number of LSH bands (for threshold 0.8 and 128 permutations: 9).</summary>
    public int Bands { get; }

    /// <summary>Signature values per band (for threshold 0.8 and 128 permutations: 13).</summary>
    public int Rows { get; }

    /// <summary>Band keys held.</summary>
    public long KeyCount => _keys.Count;

    /// <summary>Bytes held by the index.</summary>
    public long Bytes => _keys.Bytes;

    /// <summary>The probability that two texts of Jaccard similarity <paramref name="similarity"/> share a band: 1 - (1 - s^rows)^bands.</summary>
    /// <param name="similarity">Jaccard similarity of the shingle sets, 0 to 1.</param>
    /// <returns>The probability.</returns>
    public double CandidateProbability(double similarity) => LshBands.Candidate(similarity, Bands, Rows);

    /// <summary>The band keys of a text (<see cref="Bands"/> keys), the same in every process for the same settings.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The keys.</returns>
    public ulong[] BandKeys(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _profile.Load(text);
        return BandKeys(_profile);
    }

    /// <summary>Whether any of <paramref name="bandKeys"/> was added before.</summary>
    /// <param name="bandKeys">Keys from <see cref="BandKeys(string)"/>.</param>
    /// <returns>True for a near duplicate.</returns>
    public bool IsNearDuplicate(ReadOnlySpan<ulong> bandKeys)
    {
        foreach (var key in bandKeys)
        {
            if (_keys.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds a segment's band keys (also how a persisted index is rebuilt).</summary>
    /// <param name="bandKeys">Keys from <see cref="BandKeys(string)"/>.</param>
    public void Add(ReadOnlySpan<ulong> bandKeys)
    {
        foreach (var key in bandKeys)
        {
            _keys.Add(key);
        }
    }

    /// <summary>Every band key held, in no particular order: a snapshot to persist (re-add with <see cref="Add"/>).</summary>
    /// <returns>The keys.</returns>
    public IEnumerable<ulong> Export() => _keys.Keys();

    internal ulong[] BandKeys(TextProfile profile)
    {
        _hasher.Sign(profile.Words, _signature);
        var keys = new ulong[Bands];
        for (var band = 0; band < Bands; band++)
        {
            var h = Hashing.Mix(_seed ^ ((ulong)(band + 1) * Hashing.Golden));
            for (var row = 0; row < Rows; row++)
            {
                h = Hashing.Mix(h * Hashing.Golden + _signature[band * Rows + row]);
            }

            keys[band] = Hashing.NonZero(h);
        }

        return keys;
    }
}
