namespace Actors.Corpus;

/// <summary>
/// A malformed record, or the damaged end of a compressed stream: where it is, why it was not read, and the start
/// of it. <see cref="QuarantineWriter"/> appends these to the run's quarantine file.
/// </summary>
/// <param name="Shard">The shard.</param>
/// <param name="Ordinal">Position of the record in the shard, from 0.</param>
/// <param name="ByteOffset">
/// Where the bad record starts (in the decompressed stream for a compressed shard), when known.
/// </param>
/// <param name="Reason">What is wrong, in words.</param>
/// <param name="Excerpt">The first characters of the record (at most about 200, invalid bytes shown as U+FFFD).</param>
public sealed record QuarantinedRecord(
    ShardId Shard,
    long Ordinal,
    long? ByteOffset,
    string Reason,
    string Excerpt) : ShardRecord(Shard, Ordinal);
