using Actors.Parquet;

namespace Actors.Pipelines.Runs;

/// <summary>An output dataset: its folder name, its columns and its file format.</summary>
/// <param name="Name">Folder name under the output directory, e.g. <c>candidates</c>.</param>
/// <param name="Schema">Columns; rows are value arrays in this order.</param>
/// <param name="Format">Parquet or JSON Lines.</param>
public sealed record DatasetSpec(string Name, ParquetSchema Schema, DatasetFormat Format = DatasetFormat.Parquet)
{
    /// <summary>File extension of the dataset's part files, with the dot.</summary>
    public string Extension => Format == DatasetFormat.Parquet ? ".parquet" : ".jsonl";
}
