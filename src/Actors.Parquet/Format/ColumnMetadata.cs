using Actors.Parquet.Thrift;

namespace Actors.Parquet.Format;

/// <summary>parquet.thrift <c>ColumnMetaData</c>: where a column chunk lies and how it is encoded.</summary>
internal sealed class ColumnMetadata
{
    public PhysicalType Type { get; init; }

    public required IReadOnlyList<ParquetEncoding> Encodings { get; init; }

    public required IReadOnlyList<string> PathInSchema { get; init; }

    public int Codec { get; init; }

    public long NumValues { get; init; }

    public long TotalUncompressedSize { get; init; }

    public long TotalCompressedSize { get; init; }

    public long DataPageOffset { get; init; }

    public long? DictionaryPageOffset { get; init; }

    public ColumnStatistics? Statistics { get; init; }

    /// <summary>Where the chunk's first page starts: the dictionary page when there is one.</summary>
    public long ChunkStart => DictionaryPageOffset is > 0 and var d && d < DataPageOffset ? d : DataPageOffset;

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.I32Field(1, (int)Type);
        w.ListField(2, ThriftType.I32, Encodings.Count);
        foreach (var encoding in Encodings)
        {
            w.I32Element((int)encoding);
        }

        w.ListField(3, ThriftType.Binary, PathInSchema.Count);
        foreach (string part in PathInSchema)
        {
            w.WriteString(part);
        }

        w.I32Field(4, Codec);
        w.I64Field(5, NumValues);
        w.I64Field(6, TotalUncompressedSize);
        w.I64Field(7, TotalCompressedSize);
        w.I64Field(9, DataPageOffset);
        if (DictionaryPageOffset is { } dictionary)
        {
            w.I64Field(11, dictionary);
        }

        if (Statistics is not null)
        {
            w.FieldHeader(12, ThriftType.Struct);
            Statistics.Write(w);
        }

        w.EndStruct();
    }

    public static ColumnMetadata Read(ThriftCompactReader r)
    {
        PhysicalType type = default;
        var encodings = new List<ParquetEncoding>();
        var path = new List<string>();
        int codec = 0;
        long numValues = 0, uncompressed = 0, compressed = 0, dataOffset = 0;
        long? dictionaryOffset = null;
        ColumnStatistics? statistics = null;
        r.BeginStruct();
        while (r.NextField(out short id, out var wire))
        {
            switch (id)
            {
                case 1 when wire == ThriftType.I32: type = (PhysicalType)r.ReadI32(); break;
                case 2 when wire == ThriftType.List:
                    var (_, encodingCount) = r.ReadListHeader();
                    for (int i = 0; i < encodingCount; i++)
                    {
                        encodings.Add((ParquetEncoding)r.ReadI32());
                    }

                    break;
                case 3 when wire == ThriftType.List:
                    var (_, pathCount) = r.ReadListHeader();
                    for (int i = 0; i < pathCount; i++)
                    {
                        path.Add(r.ReadString());
                    }

                    break;
                case 4 when wire == ThriftType.I32: codec = r.ReadI32(); break;
                case 5 when wire == ThriftType.I64: numValues = r.ReadI64(); break;
                case 6 when wire == ThriftType.I64: uncompressed = r.ReadI64(); break;
                case 7 when wire == ThriftType.I64: compressed = r.ReadI64(); break;
                case 9 when wire == ThriftType.I64: dataOffset = r.ReadI64(); break;
                case 11 when wire == ThriftType.I64: dictionaryOffset = r.ReadI64(); break;
                case 12 when wire == ThriftType.Struct: statistics = ColumnStatistics.Read(r); break;
                default: r.Skip(wire); break;
            }
        }

        r.EndStruct();
        return new ColumnMetadata
        {
            Type = type,
            Encodings = encodings,
            PathInSchema = path,
            Codec = codec,
            NumValues = numValues,
            TotalUncompressedSize = uncompressed,
            TotalCompressedSize = compressed,
            DataPageOffset = dataOffset,
            DictionaryPageOffset = dictionaryOffset,
            Statistics = statistics,
        };
    }
}
