namespace Actors.Cluster;

/// <summary>A run as stored.</summary>
/// <param name="Definition">Recipe, configuration and code version recorded at creation.</param>
/// <param name="State">Where the run is in its lifecycle.</param>
/// <param name="CreatedAt">When the run was created (store clock).</param>
/// <param name="UpdatedAt">When the run's state last changed (store clock).</param>
public sealed record RunRecord(RunDefinition Definition, RunState State, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The run id.</summary>
    public RunId Id => Definition.Id;
}
