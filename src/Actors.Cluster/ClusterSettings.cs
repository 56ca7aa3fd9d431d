namespace Actors.Cluster;

/// <summary>
/// The <c>actors.cluster</c> section of the configuration. The defaults equal those in hocon/reference.conf
/// (a test binds one to the other). The store reads <see cref="LeaseTtl"/> and <see cref="NodeTimeout"/>; the
/// node reads the rest.
/// </summary>
public sealed record ClusterSettings
{
    /// <summary>This node's name in the store; empty means the host name (see <see cref="ResolveNodeId"/>). Default empty.</summary>
    public string NodeName { get; init; } = "";

    /// <summary>Roles this node takes: worker (runs shards), feeder (registers shards), gate (may own singletons). Default [worker].</summary>
    public IReadOnlyList<string> Roles { get; init; } = ["worker"];

    /// <summary>A lease expires this long after its last renewal (store clock); holders renew at half of it. Default 30 s.</summary>
    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Interval between heartbeats of this node. Default 5 s.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A node whose last heartbeat is older than this (store clock) is dead. Default 20 s.</summary>
    public TimeSpan NodeTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Shard leases one node holds at most, over all runs. Default 4.</summary>
    public int MaxShards { get; init; } = 4;

    /// <summary>How often an idle node looks for shards to take (a node that finishes a shard looks at once). Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The node id: <see cref="NodeName"/>, or the host name when it is empty.</summary>
    public NodeId ResolveNodeId() => new(string.IsNullOrEmpty(NodeName) ? Environment.MachineName : NodeName);

    /// <inheritdoc />
    public bool Equals(ClusterSettings? other) =>
        other is not null
        && NodeName == other.NodeName
        && Roles.SequenceEqual(other.Roles)
        && LeaseTtl == other.LeaseTtl
        && HeartbeatInterval == other.HeartbeatInterval
        && NodeTimeout == other.NodeTimeout
        && MaxShards == other.MaxShards
        && PollInterval == other.PollInterval;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(NodeName, Roles.Count, LeaseTtl, HeartbeatInterval, NodeTimeout, MaxShards, PollInterval);
}
