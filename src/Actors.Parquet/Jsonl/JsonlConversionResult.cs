namespace Actors.Parquet.Jsonl;

/// <summary>Outcome of <see cref="JsonlConverter.ConvertAsync"/>.</summary>
/// <param name="Schema">The inferred schema.</param>
/// <param name="RowsWritten">Rows in the Parquet file (0 when it was not written).</param>
/// <param name="RejectedCount">Records that did not fit the schema or were not valid JSON objects.</param>
/// <param name="OutputWritten">Whether the Parquet file was committed under its final name.</param>
public sealed record JsonlConversionResult(ParquetSchema Schema, long RowsWritten, long RejectedCount, bool OutputWritten);
