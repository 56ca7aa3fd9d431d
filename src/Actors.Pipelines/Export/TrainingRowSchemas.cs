using Actors.Parquet;

namespace Actors.Pipelines.Export;

/// <summary>
/// Parquet schemas of the exported training rows. Every schema ends with the lineage columns
/// <c>run_id</c>, <c>prompt_index</c>, <c>model</c>, <c>template_id</c> and <c>seed_ids</c>.
/// </summary>
public static class TrainingRowSchemas
{
    /// <summary>prompt, completion, then lineage.</summary>
    public static ParquetSchema PromptCompletion { get; } = new(
    [
        ParquetField.String("prompt", nullable: false),
        ParquetField.String("completion", nullable: false),
        .. LineageFields(),
    ]);

    /// <summary>instruction, input, output, then lineage.</summary>
    public static ParquetSchema Alpaca { get; } = new(
    [
        ParquetField.String("instruction", nullable: false),
        ParquetField.String("input", nullable: false),
        ParquetField.String("output", nullable: false),
        .. LineageFields(),
    ]);

    /// <summary>message_roles and message_contents (parallel lists: message i is roles[i], contents[i]), then lineage.</summary>
    public static ParquetSchema ChatMessages { get; } = new(
    [
        ParquetField.StringList("message_roles", nullable: false, elementsNullable: false),
        ParquetField.StringList("message_contents", nullable: false, elementsNullable: false),
        .. LineageFields(),
    ]);

    internal static object?[] LineageValues(RowLineage lineage) =>
        [lineage.RunId, lineage.PromptIndex, lineage.Model, lineage.TemplateId, lineage.SeedIds.ToArray()];

    private static ParquetField[] LineageFields() =>
    [
        ParquetField.String("run_id", nullable: false),
        ParquetField.Int64("prompt_index"),
        ParquetField.String("model", nullable: false),
        ParquetField.String("template_id", nullable: false),
        ParquetField.StringList("seed_ids", nullable: false, elementsNullable: false),
    ];
}
