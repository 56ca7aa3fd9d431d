namespace Actors.Pipelines.SelfInstruct;

/// <summary>Instances read from one instance-generation completion.</summary>
/// <param name="Instances">Instances in completion order (not yet filtered).</param>
/// <param name="Problem">Why nothing could be read (no Output or Class label marker at all); null otherwise.</param>
public sealed record InstanceParse(IReadOnlyList<TaskInstance> Instances, string? Problem = null);
