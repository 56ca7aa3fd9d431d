namespace Actors.Cluster;

/// <summary>A node's metrics at one moment, as JSON text.</summary>
/// <param name="Node">The node.</param>
/// <param name="TakenAt">When the snapshot was stored (store clock).</param>
/// <param name="SnapshotJson">The metrics.</param>
public sealed record NodeMetricsSnapshot(NodeId Node, DateTimeOffset TakenAt, string SnapshotJson);
