namespace Actors.Cluster;

/// <summary>Lifecycle of a run as recorded in the store.</summary>
public enum RunState
{
    /// <summary>Registered and not finished; nodes may take its shards.</summary>
    Active,

    /// <summary>Every shard is done and the outputs are final.</summary>
    Completed,

    /// <summary>Stopped by an error that needs a person; resuming is still possible.</summary>
    Failed,

    /// <summary>Stopped on request; resuming is still possible.</summary>
    Cancelled,
}
