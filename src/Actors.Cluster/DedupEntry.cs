namespace Actors.Cluster;

/// <summary>
/// An entry of a stateful operator's dedup index (an exact hash, a MinHash band bucket...). Keys are unique per
/// run and operator; the first value recorded for a key is kept. Entries are read back in insertion order.
/// </summary>
/// <param name="Key">The key, opaque to the store.</param>
/// <param name="Value">An optional value, opaque to the store (for example the record that owns the key).</param>
public sealed record DedupEntry(string Key, string? Value = null);
