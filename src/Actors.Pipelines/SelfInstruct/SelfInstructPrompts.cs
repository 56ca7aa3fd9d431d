namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// The recipe's prompts (<c>actors.self-instruct.prompts</c>), written in hocon/reference.conf and
/// overridable there; placeholders in braces. They have no defaults in code: bind them from configuration.
/// </summary>
public sealed record SelfInstructPrompts
{
    /// <summary>Instruction generation; placeholders <c>{examples}</c> (the numbered list) and <c>{next}</c> (the next number).</summary>
    public required string GenerateInstructions { get; init; }

    /// <summary>The few-shot "is it a classification task?" question; placeholder <c>{instruction}</c>.</summary>
    public required string Classify { get; init; }

    /// <summary>Instance generation for generation tasks (inputs, then outputs); placeholder <c>{instruction}</c>.</summary>
    public required string InputFirst { get; init; }

    /// <summary>Instance generation for classification tasks (labels, then inputs); placeholder <c>{instruction}</c>.</summary>
    public required string OutputFirst { get; init; }
}
