namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// The <c>actors.self-instruct.cluster</c> section: how a Self-Instruct job fed to a cluster is cut into shards that
/// every node works on. Defaults equal hocon/reference.conf.
/// </summary>
public sealed record SelfInstructClusterSettings
{
    /// <summary>
    /// Generation prompts per prompt shard; default 5. Capped at <see cref="SelfInstructSettings.InFlightPrompts"/>,
    /// because a shard is registered only once every prompt in it can be sampled (the gate has committed prompt
    /// k − in-flight-prompts for each of its prompts k).
    /// </summary>
    public int PromptsPerShard { get; init; } = 5;

    /// <summary>Pooled instructions per instances shard; default 32.</summary>
    public int InstructionsPerShard { get; init; } = 32;

    /// <summary>How often the gate looks for prompts that workers have generated; default 100 ms.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
