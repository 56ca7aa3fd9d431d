using System.Buffers.Binary;
using Actors.Parquet.Encodings;
using Actors.Parquet.Format;
using Actors.Parquet.Thrift;

namespace Actors.Parquet.Reading;

/// <summary>Walks the pages of one column chunk and decodes levels and values.</summary>
internal static class ColumnChunkReader
{
    public static DecodedColumn Read(ReadOnlyMemory<byte> chunk, LeafColumn leaf, ColumnMetadata metadata, string where)
    {
        if (metadata.NumValues > int.MaxValue)
        {
            throw new ParquetFormatException($"{where} holds {metadata.NumValues} values; more than {int.MaxValue} per chunk is not supported.");
        }

        int total = (int)metadata.NumValues;
        var column = new DecodedColumn(total, leaf.MaxDefinitionLevel > 0, leaf.MaxRepetitionLevel > 0, leaf.Physical == PhysicalType.ByteArray);
        ColumnDictionaryValues? dictionary = null;
        int position = 0;
        int pageIndex = 0;
        while (column.EntryCount < total)
        {
            string pageWhere = $"{where}, page {pageIndex} at chunk byte {position}";
            if (position >= chunk.Length)
            {
                throw new ParquetFormatException($"{pageWhere}: the chunk ends after {column.EntryCount} of {total} values.");
            }

            var reader = new ThriftCompactReader(chunk[position..]);
            var header = PageHeader.Read(reader);
            position += reader.Position;
            if (header.CompressedSize < 0 || position + header.CompressedSize > chunk.Length)
            {
                throw new ParquetFormatException($"{pageWhere}: the page claims {header.CompressedSize} bytes but the chunk has {chunk.Length - position} left.");
            }

            var body = chunk.Slice(position, header.CompressedSize);
            position += header.CompressedSize;
            pageIndex++;
            switch (header.Type)
            {
                case PageType.DictionaryPage:
                    var plain = PageCodec.Decompress(metadata.Codec, body, header.UncompressedSize, pageWhere);
                    dictionary = ReadDictionary(plain.Span, leaf.Physical, header.NumValues, pageWhere);
                    break;
                case PageType.DataPage:
                    var v1 = PageCodec.Decompress(metadata.Codec, body, header.UncompressedSize, pageWhere);
                    ReadDataPage(v1.Span, header, leaf, dictionary, column, v2: false, pageWhere);
                    break;
                case PageType.DataPageV2:
                    ReadDataPageV2(body, header, leaf, metadata.Codec, dictionary, column, pageWhere);
                    break;
                default:
                    // Index pages carry nothing we need.
                    break;
            }
        }

        return column;
    }

    private static ColumnDictionaryValues ReadDictionary(ReadOnlySpan<byte> data, PhysicalType physical, int count, string where)
    {
        if (physical == PhysicalType.ByteArray)
        {
            var strings = new string[count];
            ValueDecoder.DecodePlainStrings(data, count, strings, where);
            return new ColumnDictionaryValues(null, strings);
        }

        var values = new long[count];
        ValueDecoder.DecodePlainFixed(data, physical, count, values, where);
        return new ColumnDictionaryValues(values, null);
    }

    private static void ReadDataPageV2(ReadOnlyMemory<byte> body, PageHeader header, LeafColumn leaf, int codec, ColumnDictionaryValues? dictionary, DecodedColumn column, string where)
    {
        // V2: levels sit uncompressed in front; only the values section goes through the codec.
        int levelBytes = header.RepetitionLevelsByteLength + header.DefinitionLevelsByteLength;
        if (levelBytes > body.Length)
        {
            throw new ParquetFormatException($"{where}: level lengths ({levelBytes} bytes) exceed the page ({body.Length} bytes).");
        }

        var values = body[levelBytes..];
        if (header.IsCompressed)
        {
            values = PageCodec.Decompress(codec, values, header.UncompressedSize - levelBytes, where);
        }

        var assembled = new byte[levelBytes + values.Length];
        body.Span[..levelBytes].CopyTo(assembled);
        values.Span.CopyTo(assembled.AsSpan(levelBytes));
        ReadDataPage(assembled, header, leaf, dictionary, column, v2: true, where);
    }

    private static void ReadDataPage(ReadOnlySpan<byte> data, PageHeader header, LeafColumn leaf, ColumnDictionaryValues? dictionary, DecodedColumn column, bool v2, string where)
    {
        int count = header.NumValues;
        if (column.EntryCount + count > (column.DefinitionLevels?.Length ?? column.RepetitionLevels?.Length ?? int.MaxValue))
        {
            throw new ParquetFormatException($"{where}: the pages hold more values than the column chunk's num_values.");
        }

        int offset = 0;
        if (column.RepetitionLevels is { } repetition)
        {
            offset += ReadLevels(data[offset..], v2 ? header.RepetitionLevelsByteLength : -1, leaf.MaxRepetitionLevel, repetition.AsSpan(column.EntryCount, count), where);
        }

        int nonNull = count;
        if (column.DefinitionLevels is { } definition)
        {
            var levels = definition.AsSpan(column.EntryCount, count);
            offset += ReadLevels(data[offset..], v2 ? header.DefinitionLevelsByteLength : -1, leaf.MaxDefinitionLevel, levels, where);
            nonNull = levels.Count(leaf.MaxDefinitionLevel);
        }

        ValueDecoder.Decode(data[offset..], header.Encoding, leaf.Physical, nonNull, dictionary, column, where);
        column.EntryCount += count;
    }

    /// <summary>Reads one level block; V1 blocks carry a u32 length (<paramref name="v2Length"/> = -1), V2 lengths come from the header.</summary>
    private static int ReadLevels(ReadOnlySpan<byte> data, int v2Length, int maxLevel, Span<int> destination, string where)
    {
        int width = RleBitPackedEncoder.BitWidth(maxLevel);
        if (v2Length >= 0)
        {
            RleBitPackedDecoder.Decode(data[..v2Length], width, destination);
            return v2Length;
        }

        if (data.Length < 4)
        {
            throw new ParquetFormatException($"{where}: the page ends before its level block length.");
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length < 0 || 4 + length > data.Length)
        {
            throw new ParquetFormatException($"{where}: a level block claims {length} bytes but the page has {data.Length - 4} left.");
        }

        RleBitPackedDecoder.Decode(data.Slice(4, length), width, destination);
        return 4 + length;
    }
}
