namespace Actors.Cluster;

/// <summary>An input shard to register with a run.</summary>
/// <param name="Id">The shard id, stable for the same input.</param>
/// <param name="Path">Where the node reads it (a path all nodes can reach).</param>
/// <param name="SizeBytes">Its size in bytes when registered; a changed size on re-registration is reported as a conflict.</param>
public sealed record ShardDefinition(ShardId Id, string Path, long SizeBytes);
