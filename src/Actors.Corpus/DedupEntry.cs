namespace Actors.Corpus;

/// <summary>
/// What a kept segment added to the dedup indexes. A run store persists it with the segment's commit; on resume,
/// <see cref="SegmentCleaner.Restore"/> re-adds the entries and the cleaner then decides exactly as before the crash.
/// </summary>
/// <param name="ExactKey">The segment's exact-duplicate key (<see cref="ExactDedup.Key(string)"/>).</param>
/// <param name="BandKeys">The segment's MinHash LSH band keys (<see cref="MinHashLsh.BandKeys(string)"/>).</param>
public sealed record DedupEntry(ulong ExactKey, IReadOnlyList<ulong> BandKeys);
