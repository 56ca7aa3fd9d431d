namespace Actors.Cluster;

/// <summary>Lifecycle of a shard. Whether a pending shard is being worked on is told by its lease.</summary>
public enum ShardState
{
    /// <summary>Not finished; may be taken by a node.</summary>
    Pending,

    /// <summary>Every record is committed; never taken again.</summary>
    Done,

    /// <summary>Given up (for example an unreadable file); never taken again; the reason is recorded.</summary>
    Failed,
}
