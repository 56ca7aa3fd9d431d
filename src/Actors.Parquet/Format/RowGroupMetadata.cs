using Actors.Parquet.Thrift;

namespace Actors.Parquet.Format;

/// <summary>parquet.thrift <c>RowGroup</c>; each column chunk is stored as its <c>ColumnChunk.meta_data</c>.</summary>
internal sealed class RowGroupMetadata
{
    public required IReadOnlyList<ColumnMetadata> Columns { get; init; }

    public long TotalByteSize { get; init; }

    public long NumRows { get; init; }

    public long? FileOffset { get; init; }

    public long? TotalCompressedSize { get; init; }

    public short? Ordinal { get; init; }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.ListField(1, ThriftType.Struct, Columns.Count);
        foreach (var column in Columns)
        {
            // ColumnChunk: file_offset is deprecated and written as 0; meta_data is what readers use.
            w.BeginStruct();
            w.I64Field(2, 0);
            w.FieldHeader(3, ThriftType.Struct);
            column.Write(w);
            w.EndStruct();
        }

        w.I64Field(2, TotalByteSize);
        w.I64Field(3, NumRows);
        if (FileOffset is { } offset)
        {
            w.I64Field(5, offset);
        }

        if (TotalCompressedSize is { } compressed)
        {
            w.I64Field(6, compressed);
        }

        if (Ordinal is { } ordinal)
        {
            w.I16Field(7, ordinal);
        }

        w.EndStruct();
    }

    public static RowGroupMetadata Read(ThriftCompactReader r)
    {
        var columns = new List<ColumnMetadata>();
        long totalByteSize = 0, numRows = 0;
        r.BeginStruct();
        while (r.NextField(out short id, out var wire))
        {
            switch (id)
            {
                case 1 when wire == ThriftType.List:
                    var (_, count) = r.ReadListHeader();
                    for (int i = 0; i < count; i++)
                    {
                        columns.Add(ReadColumnChunk(r));
                    }

                    break;
                case 2 when wire == ThriftType.I64: totalByteSize = r.ReadI64(); break;
                case 3 when wire == ThriftType.I64: numRows = r.ReadI64(); break;
                default: r.Skip(wire); break;
            }
        }

        r.EndStruct();
        return new RowGroupMetadata { Columns = columns, TotalByteSize = totalByteSize, NumRows = numRows };
    }

    private static ColumnMetadata ReadColumnChunk(ThriftCompactReader r)
    {
        ColumnMetadata? metadata = null;
        r.BeginStruct();
        while (r.NextField(out short id, out var wire))
        {
            if (id == 1 && wire == ThriftType.Binary)
            {
                throw new ParquetFormatException($"A column chunk refers to an external file ('{r.ReadString()}'); only self-contained files are supported.");
            }

            if (id == 3 && wire == ThriftType.Struct)
            {
                metadata = ColumnMetadata.Read(r);
            }
            else
            {
                r.Skip(wire);
            }
        }

        r.EndStruct();
        return metadata ?? throw new ParquetFormatException("A column chunk has no meta_data; the footer is incomplete.");
    }
}
