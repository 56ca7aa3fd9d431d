namespace Actors.Pipelines.Export;

/// <summary>Where a training row came from; written on every exported row.</summary>
public sealed record RowLineage
{
    /// <summary>The run that produced the row.</summary>
    public required string RunId { get; init; }

    /// <summary>Index of the generation prompt that produced the instruction (-1 for a seed task's own instance).</summary>
    public required long PromptIndex { get; init; }

    /// <summary>Model name the backend reported (or "offline").</summary>
    public required string Model { get; init; }

    /// <summary>Id of the template that shaped the row (a training template id, "alpaca" or "chat").</summary>
    public string TemplateId { get; init; } = "";

    /// <summary>Ids of the seed tasks in the prompt that produced the instruction.</summary>
    public IReadOnlyList<string> SeedIds { get; init; } = [];
}
