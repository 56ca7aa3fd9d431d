namespace Actors.Cluster;

/// <summary>Where a Self-Instruct pool entry came from.</summary>
public enum PoolEntryKind
{
    /// <summary>A human-written seed task.</summary>
    Seed,

    /// <summary>A machine-generated instruction the similarity gate accepted.</summary>
    Generated,
}
