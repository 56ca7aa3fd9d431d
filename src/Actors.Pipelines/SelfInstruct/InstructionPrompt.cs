namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// A generation prompt: a numbered list of in-context instructions ending with the next number, which the
/// model continues. Everything needed to parse the answer and to record lineage travels with it.
/// </summary>
public sealed record InstructionPrompt
{
    /// <summary>Position of this prompt in the run (0, 1, 2, ...); with the run seed it fixes the sampling.</summary>
    public required long Index { get; init; }

    /// <summary>The rendered prompt text.</summary>
    public required string Text { get; init; }

    /// <summary>The in-context instructions in prompt order (numbered from 1).</summary>
    public required IReadOnlyList<PromptExample> Examples { get; init; }

    /// <summary>The number the prompt ends with; the completion's first item has it.</summary>
    public required int NextNumber { get; init; }

    /// <summary>Highest item number that counts; later items are leakage past the stop sequences.</summary>
    public required int MaxNumber { get; init; }

    /// <summary>Size of the machine pool the prompt was sampled from (needed to rebuild it on resume).</summary>
    public required int MachinePoolSize { get; init; }

    /// <summary>Ids of the seed tasks shown, in prompt order.</summary>
    public IReadOnlyList<string> SeedIds => Examples.Where(e => !e.IsMachineGenerated).Select(e => e.SourceId).ToArray();

    /// <summary>Ids of the machine-generated instructions shown, in prompt order.</summary>
    public IReadOnlyList<string> MachineIds => Examples.Where(e => e.IsMachineGenerated).Select(e => e.SourceId).ToArray();
}
