namespace Actors.Cluster;

/// <summary>The result of registering shards; registering the same shard again changes nothing.</summary>
/// <param name="Added">Shards that were new.</param>
/// <param name="Unchanged">Shards already registered with the same path and size.</param>
/// <param name="Conflicts">Shards already registered with another path or size; they keep the stored values.</param>
public sealed record ShardRegistration(int Added, int Unchanged, IReadOnlyList<ShardId> Conflicts);
