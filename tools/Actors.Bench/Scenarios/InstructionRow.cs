namespace Actors.Bench.Scenarios;

/// <summary>
/// One instruction-tuning example as the pipeline stores it: the prompt, optional context, the
/// model's answer, a judge score, tags, and lineage saying which run, shard and model made it.
/// </summary>
internal sealed record InstructionRow(
    string Instruction,
    string Input,
    string Output,
    int? Score,
    IReadOnlyList<string> Tags,
    string RunId,
    int Shard,
    long Ordinal,
    string Model,
    string PromptTemplateId,
    DateTimeOffset Created);
