namespace Actors.Pipelines.SelfInstruct;

/// <summary>The result of parsing one instruction-generation completion.</summary>
/// <param name="Instructions">Complete items, in list order.</param>
/// <param name="Dropped">Items not kept, each with its reason.</param>
public sealed record InstructionListParse(IReadOnlyList<GeneratedInstruction> Instructions, IReadOnlyList<DroppedListItem> Dropped);
