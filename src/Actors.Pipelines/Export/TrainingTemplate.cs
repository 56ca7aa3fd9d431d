namespace Actors.Pipelines.Export;

/// <summary>
/// One prompt/completion training template (an entry of <c>actors.self-instruct.templates</c>). Placeholders:
/// <c>{instruction}</c>, <c>{input}</c> (prompt only) and <c>{output}</c> (completion only).
/// </summary>
public sealed record TrainingTemplate
{
    /// <summary>Stable id, recorded in every row's lineage.</summary>
    public required string Id { get; init; }

    /// <summary>Prompt for examples with an input.</summary>
    public required string Prompt { get; init; }

    /// <summary>Prompt for examples without input.</summary>
    public required string PromptNoInput { get; init; }

    /// <summary>The completion (typically the output, with a leading space when the prompt ends in a label such as "Output:").</summary>
    public required string Completion { get; init; }
}
