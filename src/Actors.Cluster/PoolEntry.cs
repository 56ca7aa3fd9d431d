namespace Actors.Cluster;

/// <summary>One entry of the Self-Instruct pool. The pool is read back in <see cref="Sequence"/> order.</summary>
/// <param name="Sequence">Position in the pool, chosen by the gate that owns the pool; unique per run.</param>
/// <param name="Kind">Seed or generated.</param>
/// <param name="Instruction">The instruction text.</param>
/// <param name="MetadataJson">Anything else the gate keeps (instances, lineage, scores) as JSON text.</param>
public sealed record PoolEntry(long Sequence, PoolEntryKind Kind, string Instruction, string MetadataJson);
