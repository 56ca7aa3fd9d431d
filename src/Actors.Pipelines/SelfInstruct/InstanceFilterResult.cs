namespace Actors.Pipelines.SelfInstruct;

/// <summary>The instances of one task after filtering.</summary>
/// <param name="Kept">Instances kept, in generation order.</param>
/// <param name="Dropped">Instances removed, each with its reason.</param>
public sealed record InstanceFilterResult(IReadOnlyList<TaskInstance> Kept, IReadOnlyList<DroppedInstance> Dropped);
