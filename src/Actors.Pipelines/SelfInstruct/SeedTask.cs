namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// A human-written seed task, one line of a seed file in the Self-Instruct format:
/// <c>{"id", "name", "instruction", "instances": [{"input", "output"}], "is_classification"}</c>.
/// </summary>
public sealed record SeedTask
{
    /// <summary>Unique id, e.g. <c>seed_task_0</c>; recorded in the lineage of every row it helped produce.</summary>
    public required string Id { get; init; }

    /// <summary>Short snake_case name; empty when the file gives none.</summary>
    public string Name { get; init; } = "";

    /// <summary>The instruction, as written.</summary>
    public required string Instruction { get; init; }

    /// <summary>Worked examples (the reference seeds have exactly one each).</summary>
    public IReadOnlyList<TaskInstance> Instances { get; init; } = [];

    /// <summary>Whether the answer is one of a small fixed set of labels.</summary>
    public bool IsClassification { get; init; }
}
