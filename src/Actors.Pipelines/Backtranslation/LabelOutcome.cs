namespace Actors.Pipelines.Backtranslation;

/// <summary>What the labeler made of the backward model's output: an instruction, or why there is none.</summary>
/// <param name="Instruction">The cleaned instruction; null when rejected.</param>
/// <param name="Rejection">Why the output was rejected (a counter name suffix); null when accepted.</param>
public sealed record LabelOutcome(string? Instruction, string? Rejection)
{
    /// <summary>Whether an instruction was accepted.</summary>
    public bool IsAccepted => Instruction is not null;

    /// <summary>An accepted instruction.</summary>
    public static LabelOutcome Accept(string instruction) => new(instruction, null);

    /// <summary>A rejection with its reason.</summary>
    public static LabelOutcome Reject(string reason) => new(null, reason);
}
