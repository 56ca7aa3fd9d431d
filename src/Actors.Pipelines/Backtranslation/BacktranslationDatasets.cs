using Actors.Parquet;
using Actors.Pipelines.Runs;

namespace Actors.Pipelines.Backtranslation;

/// <summary>The datasets a backtranslation run writes, and their columns.</summary>
public static class BacktranslationDatasets
{
    /// <summary>Every labelled pair with its lineage.</summary>
    public static DatasetSpec Candidates { get; } = new("candidates", new ParquetSchema(
        ParquetField.String("pair_id", nullable: false),
        ParquetField.String("instruction", nullable: false),
        ParquetField.String("output", nullable: false),
        ParquetField.String("heading"),
        ParquetField.String("url"),
        ParquetField.String("shard", nullable: false),
        ParquetField.Int64("ordinal", nullable: false),
        ParquetField.Int32("segment_index", nullable: false),
        ParquetField.String("label_model", nullable: false),
        ParquetField.String("label_backend", nullable: false),
        ParquetField.String("label_prompt_id", nullable: false),
        ParquetField.Double("temperature", nullable: false),
        ParquetField.Double("top_p", nullable: false),
        ParquetField.Int32("max_tokens", nullable: false),
        ParquetField.String("run_id", nullable: false),
        ParquetField.Timestamp("created", nullable: false)));

    /// <summary>Candidates plus the judge's verdict.</summary>
    public static DatasetSpec Scored { get; } = new("scored", new ParquetSchema(
        ParquetField.String("pair_id", nullable: false),
        ParquetField.String("instruction", nullable: false),
        ParquetField.String("output", nullable: false),
        ParquetField.String("shard", nullable: false),
        ParquetField.Int64("ordinal", nullable: false),
        ParquetField.Int32("segment_index", nullable: false),
        ParquetField.String("label_model", nullable: false),
        ParquetField.String("judge_model", nullable: false),
        ParquetField.String("judge_backend", nullable: false),
        ParquetField.String("score_prompt_id", nullable: false),
        ParquetField.Int32("score", nullable: true),
        ParquetField.Double("expected_score", nullable: true),
        ParquetField.String("parse_status", nullable: false),
        ParquetField.String("rationale", nullable: false),
        ParquetField.String("run_id", nullable: false),
        ParquetField.Timestamp("created", nullable: false)));

    /// <summary>Selected pairs and seed pairs, tagged by origin: the training set.</summary>
    public static DatasetSpec Train { get; } = new("train", new ParquetSchema(
        ParquetField.String("instruction", nullable: false),
        ParquetField.String("input", nullable: false),
        ParquetField.String("output", nullable: false),
        ParquetField.String("system", nullable: false),
        ParquetField.String("source", nullable: false),
        ParquetField.Int32("score", nullable: true),
        ParquetField.String("pair_id", nullable: false),
        ParquetField.String("judge_model"),
        ParquetField.String("run_id", nullable: false),
        ParquetField.Timestamp("created", nullable: false)));

    /// <summary>Bad input records: where and why.</summary>
    public static DatasetSpec Quarantine { get; } = new("quarantine", new ParquetSchema(
        ParquetField.String("shard", nullable: false),
        ParquetField.Int64("ordinal", nullable: false),
        ParquetField.Int64("byte_offset", nullable: true),
        ParquetField.String("reason", nullable: false),
        ParquetField.String("excerpt", nullable: false)), DatasetFormat.Jsonl);

    /// <summary>All of them.</summary>
    public static IReadOnlyList<DatasetSpec> All { get; } = [Candidates, Scored, Train, Quarantine];
}
