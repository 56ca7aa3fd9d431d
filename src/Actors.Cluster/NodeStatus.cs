namespace Actors.Cluster;

/// <summary>A node's liveness as judged by the store's clock.</summary>
public enum NodeStatus
{
    /// <summary>Heartbeat within <see cref="ClusterSettings.NodeTimeout"/>.</summary>
    Alive,

    /// <summary>No heartbeat for longer than <see cref="ClusterSettings.NodeTimeout"/>.</summary>
    Dead,

    /// <summary>Left the cluster on purpose.</summary>
    Left,
}
