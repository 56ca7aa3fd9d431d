namespace Actors.Corpus;

/// <summary>
/// One record of a shard, addressed by (shard, ordinal). Ordinals count every record of the shard from 0 in file
/// order, bad ones and skipped ones included, so an address means the same record in every run.
/// </summary>
/// <remarks>
/// A reader yields exactly one of <see cref="CorpusDocument"/>, <see cref="QuarantinedRecord"/> or
/// <see cref="SkippedRecord"/> per ordinal, in order; a damaged compressed stream adds one final
/// <see cref="QuarantinedRecord"/> with the next ordinal.
/// </remarks>
/// <param name="Shard">The shard.</param>
/// <param name="Ordinal">Position of the record in the shard, from 0.</param>
public abstract record ShardRecord(ShardId Shard, long Ordinal);
