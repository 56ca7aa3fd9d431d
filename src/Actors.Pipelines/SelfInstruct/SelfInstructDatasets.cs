using Actors.Parquet;
using Actors.Pipelines.Export;
using Actors.Pipelines.Runs;

namespace Actors.Pipelines.SelfInstruct;

/// <summary>The datasets a Self-Instruct run writes, and their columns.</summary>
public static class SelfInstructDatasets
{
    /// <summary>
    /// Every accepted machine instruction (exactly <c>--target</c> of them), with its classification, how many
    /// instances it kept and where it came from.
    /// </summary>
    public static DatasetSpec Instructions { get; } = new("instructions", new ParquetSchema(
        ParquetField.Int64("pool_index", nullable: false),
        ParquetField.String("instruction", nullable: false),
        ParquetField.Boolean("is_classification", nullable: true),
        ParquetField.Int32("instances", nullable: false),
        ParquetField.String("status", nullable: false),
        ParquetField.String("run_id", nullable: false),
        ParquetField.Int64("prompt_index", nullable: false),
        ParquetField.String("model", nullable: false),
        ParquetField.StringList("seed_ids", nullable: false, elementsNullable: false),
        ParquetField.StringList("machine_ids", nullable: false, elementsNullable: false)));

    /// <summary>Prompt/completion training rows (one of the configured templates per example).</summary>
    public static DatasetSpec PromptCompletion { get; } = new("prompt_completion", TrainingRowSchemas.PromptCompletion);

    /// <summary>Alpaca-style training rows.</summary>
    public static DatasetSpec Alpaca { get; } = new("alpaca", TrainingRowSchemas.Alpaca);

    /// <summary>Chat-messages training rows.</summary>
    public static DatasetSpec Chat { get; } = new("chat", TrainingRowSchemas.ChatMessages);

    /// <summary>All of them.</summary>
    public static IReadOnlyList<DatasetSpec> All { get; } = [Instructions, PromptCompletion, Alpaca, Chat];
}
