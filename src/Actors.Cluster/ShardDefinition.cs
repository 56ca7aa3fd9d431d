namespace Actors.Cluster;

/// <summary>An input shard to register with a run.</summary>
/// <param name="Id">The shard id, stable for the same input.</param>
/// <param name="Path">Where the node reads it (a path all nodes can reach).</param>
/// <param name="SizeBytes">Its size in bytes when registered; a changed size on re-registration is reported as a conflict.</param>
public sealed record ShardDefinition(ShardId Id, string Path, long SizeBytes)
{
    /// <summary>
    /// When set, the shard is held under the singleton lease of this name instead of a shard lease of its own: it is
    /// taken, renewed, fenced and released like any shard, but does not count against a node's
    /// <see cref="ClusterSettings.MaxShards"/> (a long-lived coordinator, such as the Self-Instruct similarity gate,
    /// must not keep its node from working on ordinary shards). The name must be unique in the store.
    /// </summary>
    public string? Singleton { get; init; }
}
