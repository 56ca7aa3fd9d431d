namespace Actors.Parquet;

/// <summary>What the footer says about one row group.</summary>
/// <param name="RowCount">Rows in the group.</param>
/// <param name="UncompressedSize">Uncompressed bytes of all its chunks (<c>total_byte_size</c>).</param>
/// <param name="CompressedSize">Bytes its chunks occupy in the file.</param>
/// <param name="Columns">One entry per leaf column, in schema order.</param>
public sealed record ParquetRowGroupInfo(long RowCount, long UncompressedSize, long CompressedSize, IReadOnlyList<ParquetColumnChunkInfo> Columns);
