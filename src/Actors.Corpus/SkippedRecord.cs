namespace Actors.Corpus;

/// <summary>
/// A well-formed record that holds no document by design: a WARC <c>warcinfo</c>, <c>request</c> or
/// <c>metadata</c> record, a response that is not text (an image, a PDF) or not a success. It still takes an
/// ordinal, so every ordinal of a shard is accounted for.
/// </summary>
/// <param name="Shard">The shard.</param>
/// <param name="Ordinal">Position of the record in the shard, from 0.</param>
/// <param name="ByteOffset">Where the record starts (in the decompressed stream for a compressed shard).</param>
/// <param name="Reason">Why it holds no document, e.g. <c>"warc-type request"</c> or <c>"payload image/png"</c>.</param>
public sealed record SkippedRecord(ShardId Shard, long Ordinal, long ByteOffset, string Reason) : ShardRecord(Shard, Ordinal);
