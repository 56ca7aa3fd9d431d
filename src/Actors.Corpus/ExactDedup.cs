using Actors.Corpus.Cleaning;

namespace Actors.Corpus;

/// <summary>
/// Exact-duplicate index: a set of 64-bit keys of normalised text (case-folded words; punctuation, spacing and line
/// breaks ignored). About 14 bytes per key on average (8-byte slots, load factor 0.375 to 0.75), 21 at most, plus a
/// transient copy while the table doubles.
/// </summary>
/// <remarks>
/// Decisions depend only on which keys are in the set, so re-adding persisted keys (in any order) restores it
/// exactly. Two different texts share a key with probability about n^2 / 2^65 for n keys. Not thread-safe.
/// </remarks>
public sealed class ExactDedup
{
    private readonly UInt64Set _keys = new();

    /// <summary>Keys held.</summary>
    public long Count => _keys.Count;

    /// <summary>Bytes held by the index.</summary>
    public long Bytes => _keys.Bytes;

    /// <summary>The key of a text: equal for texts that differ only in case, punctuation and spacing.</summary>
    /// <param name="text">The text.</param>
    /// <returns>A non-zero 64-bit key, the same in every process.</returns>
    public static ulong Key(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var profile = new TextProfile();
        profile.Load(text);
        return profile.ExactKey();
    }

    /// <summary>Whether <paramref name="key"/> was added.</summary>
    /// <param name="key">A key from <see cref="Key(string)"/>.</param>
    /// <returns>True when present.</returns>
    public bool Contains(ulong key) => _keys.Contains(key);

    /// <summary>Adds a key (also how a persisted index is rebuilt).</summary>
    /// <param name="key">A key from <see cref="Key(string)"/>.</param>
    /// <returns>False when it was there already.</returns>
    public bool Add(ulong key) => _keys.Add(key);

    /// <summary>Every key held, in no particular order: a snapshot to persist (re-add with <see cref="Add"/>).</summary>
    /// <returns>The keys.</returns>
    public IEnumerable<ulong> Export() => _keys.Keys();
}
