using Actors.Parquet.Thrift;

namespace Actors.Parquet.Format;

/// <summary>
/// parquet.thrift <c>PageHeader</c> with its three sub-headers flattened in: which of them is
/// written depends on <see cref="Type"/>. All counts here are i32 on the wire.
/// </summary>
internal sealed class PageHeader
{
    public PageType Type { get; init; }

    public int UncompressedSize { get; init; }

    public int CompressedSize { get; init; }

    /// <summary>Level entries in a data page (nulls and empty lists included) or entries in a dictionary.</summary>
    public int NumValues { get; init; }

    public ParquetEncoding Encoding { get; init; }

    /// <summary>V2 only: entries whose definition level is below the maximum.</summary>
    public int NumNulls { get; init; }

    /// <summary>V2 only: entries with repetition level 0.</summary>
    public int NumRows { get; init; }

    public int DefinitionLevelsByteLength { get; init; }

    public int RepetitionLevelsByteLength { get; init; }

    /// <summary>V2 only: whether the values section went through the codec.</summary>
    public bool IsCompressed { get; init; } = true;

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.I32Field(1, (int)Type);
        w.I32Field(2, UncompressedSize);
        w.I32Field(3, CompressedSize);
        switch (Type)
        {
            case PageType.DataPage:
                w.StructField(5);
                w.I32Field(1, NumValues);
                w.I32Field(2, (int)Encoding);
                w.I32Field(3, (int)ParquetEncoding.Rle);
                w.I32Field(4, (int)ParquetEncoding.Rle);
                w.EndStruct();
                break;
            case PageType.DictionaryPage:
                w.StructField(7);
                w.I32Field(1, NumValues);
                w.I32Field(2, (int)ParquetEncoding.Plain);
                w.EndStruct();
                break;
            case PageType.DataPageV2:
                w.StructField(8);
                w.I32Field(1, NumValues);
                w.I32Field(2, NumNulls);
                w.I32Field(3, NumRows);
                w.I32Field(4, (int)Encoding);
                w.I32Field(5, DefinitionLevelsByteLength);
                w.I32Field(6, RepetitionLevelsByteLength);
                w.BoolField(7, IsCompressed);
                w.EndStruct();
                break;
            default:
                throw new InvalidOperationException($"Page type {Type} is never written.");
        }

        w.EndStruct();
    }

    public static PageHeader Read(ThriftCompactReader r)
    {
        PageType type = default;
        int uncompressed = 0, compressed = 0, numValues = 0, numNulls = 0, numRows = 0, defLength = 0, repLength = 0;
        var encoding = ParquetEncoding.Plain;
        bool isCompressed = true;
        r.BeginStruct();
        while (r.NextField(out short id, out var wire))
        {
            switch (id)
            {
                case 1 when wire == ThriftType.I32: type = (PageType)r.ReadI32(); break;
                case 2 when wire == ThriftType.I32: uncompressed = r.ReadI32(); break;
                case 3 when wire == ThriftType.I32: compressed = r.ReadI32(); break;
                case 5 or 7 when wire == ThriftType.Struct:
                    r.BeginStruct();
                    while (r.NextField(out short sid, out var swire))
                    {
                        switch (sid)
                        {
                            case 1 when swire == ThriftType.I32: numValues = r.ReadI32(); break;
                            case 2 when swire == ThriftType.I32: encoding = (ParquetEncoding)r.ReadI32(); break;
                            default: r.Skip(swire); break;
                        }
                    }

                    r.EndStruct();
                    break;
                case 8 when wire == ThriftType.Struct:
                    r.BeginStruct();
                    while (r.NextField(out short sid, out var swire))
                    {
                        switch (sid)
                        {
                            case 1 when swire == ThriftType.I32: numValues = r.ReadI32(); break;
                            case 2 when swire == ThriftType.I32: numNulls = r.ReadI32(); break;
                            case 3 when swire == ThriftType.I32: numRows = r.ReadI32(); break;
                            case 4 when swire == ThriftType.I32: encoding = (ParquetEncoding)r.ReadI32(); break;
                            case 5 when swire == ThriftType.I32: defLength = r.ReadI32(); break;
                            case 6 when swire == ThriftType.I32: repLength = r.ReadI32(); break;
                            case 7 when swire is ThriftType.BoolTrue or ThriftType.BoolFalse: isCompressed = ThriftCompactReader.BoolValue(swire); break;
                            default: r.Skip(swire); break;
                        }
                    }

                    r.EndStruct();
                    break;
                default: r.Skip(wire); break;
            }
        }

        r.EndStruct();
        return new PageHeader
        {
            Type = type,
            UncompressedSize = uncompressed,
            CompressedSize = compressed,
            NumValues = numValues,
            Encoding = encoding,
            NumNulls = numNulls,
            NumRows = numRows,
            DefinitionLevelsByteLength = defLength,
            RepetitionLevelsByteLength = repLength,
            IsCompressed = isCompressed,
        };
    }
}
