namespace Actors.Corpus;

/// <summary>
/// Near-duplicate detection: the <c>actors.backtranslation.minhash</c> section of the configuration. The defaults equal
/// those in <c>hocon/reference.conf</c> (a test binds one to the other). The paper gives no numbers; these are ours.
/// </summary>
public sealed record MinHashSettings
{
    /// <summary>Estimated Jaccard similarity (of word shingle sets) at which a segment is a near duplicate; default 0.8 (<c>threshold</c>).</summary>
    public double Threshold { get; init; } = 0.8;

    /// <summary>Hash functions per signature; default 128 (<c>permutations</c>). Bands and rows are chosen from these and the threshold.</summary>
    public int Permutations { get; init; } = 128;

    /// <summary>Words per shingle; default 5 (<c>shingle-words</c>).</summary>
    public int ShingleWords { get; init; } = 5;

    /// <summary>
    /// Seed of the hash functions; default 1 (<c>seed</c>). Keys persisted for a resume are only valid with the same
    /// seed, permutations, threshold and shingle size.
    /// </summary>
    public long Seed { get; init; } = 1;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        if (Threshold is <= 0 or > 1 || double.IsNaN(Threshold))
        {
            throw new ArgumentException($"MinHashSettings.Threshold (minhash.threshold) is {Threshold}; it must be in (0, 1].");
        }

        if (Permutations is < 2 or > 4096)
        {
            throw new ArgumentException($"MinHashSettings.Permutations (minhash.permutations) is {Permutations}; use 2 to 4096 (128 is usual).");
        }

        if (ShingleWords is < 1 or > 64)
        {
            throw new ArgumentException($"MinHashSettings.ShingleWords (minhash.shingle-words) is {ShingleWords}; use 1 to 64.");
        }
    }
}
