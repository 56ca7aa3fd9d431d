using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Actors.Parquet.Encodings;
using Actors.Parquet.Format;
using Actors.Parquet.Thrift;

namespace Actors.Parquet.Writing;

/// <summary>
/// Turns one buffered column chunk into bytes: an optional dictionary page, then data pages cut at
/// row boundaries once they reach the page size. Returns the chunk's metadata with offsets made
/// absolute from <c>chunkOffset</c>.
/// </summary>
internal static class ColumnChunkWriter
{
    public static ColumnMetadata Encode(ColumnBuffer buffer, ParquetWriterOptions options, long chunkOffset, ArrayBufferWriter<byte> output)
    {
        int codec = PageCodec.ThriftId(options.Codec);
        var leaf = buffer.Leaf;
        var dictionary = ColumnDictionary.TryBuild(buffer, options.DictionaryPageSizeLimit);
        int start = output.WrittenCount;
        long uncompressedTotal = 0;
        long? dictionaryOffset = null;

        if (dictionary is not null)
        {
            var body = new ArrayBufferWriter<byte>();
            if (leaf.Physical == PhysicalType.ByteArray)
            {
                PlainEncoder.EncodeBinary(dictionary.BinaryEntries, 0, dictionary.Count, body);
            }
            else
            {
                PlainEncoder.EncodeFixed(leaf.Physical, dictionary.FixedEntries, 0, dictionary.Count, body);
            }

            dictionaryOffset = chunkOffset + output.WrittenCount - start;
            var compressed = PageCodec.Compress(codec, body.WrittenMemory);
            var header = new PageHeader
            {
                Type = PageType.DictionaryPage,
                UncompressedSize = body.WrittenCount,
                CompressedSize = compressed.Length,
                NumValues = dictionary.Count,
            };
            uncompressedTotal += WritePage(header, [compressed], output) + body.WrittenCount;
        }

        long dataOffset = chunkOffset + output.WrittenCount - start;
        int entry = 0, value = 0;
        while (entry < buffer.EntryCount)
        {
            var (entryEnd, valueEnd) = NextPage(buffer, dictionary, options.PageSize, entry, value);
            uncompressedTotal += options.DataPageVersion == 2
                ? WriteDataPageV2(buffer, dictionary, codec, entry, entryEnd, value, valueEnd, output)
                : WriteDataPageV1(buffer, dictionary, codec, entry, entryEnd, value, valueEnd, output);
            entry = entryEnd;
            value = valueEnd;
        }

        ParquetEncoding[] encodings = dictionary is null
            ? [ParquetEncoding.Plain, ParquetEncoding.Rle]
            : [ParquetEncoding.Plain, ParquetEncoding.Rle, ParquetEncoding.RleDictionary];
        return new ColumnMetadata
        {
            Type = leaf.Physical,
            Encodings = encodings,
            PathInSchema = leaf.Path,
            Codec = codec,
            NumValues = buffer.EntryCount,
            TotalUncompressedSize = uncompressedTotal,
            TotalCompressedSize = output.WrittenCount - start,
            DataPageOffset = dataOffset,
            DictionaryPageOffset = dictionaryOffset,
            Statistics = options.WriteStatistics ? StatisticsBuilder.Build(buffer) : null,
        };
    }

    /// <summary>Finds where the page starting at <paramref name="entry"/> ends: at the size target, never inside a row.</summary>
    private static (int EntryEnd, int ValueEnd) NextPage(ColumnBuffer buffer, ColumnDictionary? dictionary, int pageSize, int entry, int value)
    {
        var definition = buffer.DefinitionLevels;
        var repetition = buffer.RepetitionLevels;
        int maxDef = buffer.Leaf.MaxDefinitionLevel;
        int fixedWidth = buffer.Leaf.Physical switch
        {
            PhysicalType.Boolean => 1,
            PhysicalType.Int32 => 4,
            _ => 8,
        };
        int indexWidth = dictionary is null ? 0 : (dictionary.BitWidth + 7) / 8;
        long bytes = 0;
        do
        {
            if (definition is null || definition[entry] == maxDef)
            {
                bytes += dictionary is not null ? indexWidth
                    : buffer.Leaf.Physical == PhysicalType.ByteArray ? 4 + buffer.Binary[value].Length
                    : fixedWidth;
                value++;
            }

            entry++;
        }
        while (entry < buffer.EntryCount && (bytes < pageSize || (repetition is not null && repetition[entry] != 0)));
        return (entry, value);
    }

    private static long WriteDataPageV1(ColumnBuffer buffer, ColumnDictionary? dictionary, int codec, int entry, int entryEnd, int value, int valueEnd, ArrayBufferWriter<byte> output)
    {
        // V1 body: [rep levels with u32 length][def levels with u32 length][values], compressed as one block.
        var body = new ArrayBufferWriter<byte>();
        if (buffer.RepetitionLevels is { } repetition)
        {
            WritePrefixedLevels(repetition, entry, entryEnd, buffer.Leaf.MaxRepetitionLevel, body);
        }

        if (buffer.DefinitionLevels is { } definition)
        {
            WritePrefixedLevels(definition, entry, entryEnd, buffer.Leaf.MaxDefinitionLevel, body);
        }

        var encoding = WriteValues(buffer, dictionary, value, valueEnd, body);
        var compressed = PageCodec.Compress(codec, body.WrittenMemory);
        var header = new PageHeader
        {
            Type = PageType.DataPage,
            UncompressedSize = body.WrittenCount,
            CompressedSize = compressed.Length,
            NumValues = entryEnd - entry,
            Encoding = encoding,
        };
        return WritePage(header, [compressed], output) + body.WrittenCount;
    }

    private static long WriteDataPageV2(ColumnBuffer buffer, ColumnDictionary? dictionary, int codec, int entry, int entryEnd, int value, int valueEnd, ArrayBufferWriter<byte> output)
    {
        // V2 body: [rep levels][def levels] uncompressed and unprefixed, then the values, compressed alone.
        var levels = new ArrayBufferWriter<byte>();
        int repLength = 0, rows = entryEnd - entry;
        if (buffer.RepetitionLevels is { } repetition)
        {
            var span = CollectionsMarshal.AsSpan(repetition)[entry..entryEnd];
            RleBitPackedEncoder.Encode(span, RleBitPackedEncoder.BitWidth(buffer.Leaf.MaxRepetitionLevel), levels);
            repLength = levels.WrittenCount;
            rows = span.Count(0);
        }

        if (buffer.DefinitionLevels is { } definition)
        {
            var span = CollectionsMarshal.AsSpan(definition)[entry..entryEnd];
            RleBitPackedEncoder.Encode(span, RleBitPackedEncoder.BitWidth(buffer.Leaf.MaxDefinitionLevel), levels);
        }

        var values = new ArrayBufferWriter<byte>();
        var encoding = WriteValues(buffer, dictionary, value, valueEnd, values);
        var compressed = PageCodec.Compress(codec, values.WrittenMemory);
        var header = new PageHeader
        {
            Type = PageType.DataPageV2,
            UncompressedSize = levels.WrittenCount + values.WrittenCount,
            CompressedSize = levels.WrittenCount + compressed.Length,
            NumValues = entryEnd - entry,
            NumNulls = (entryEnd - entry) - (valueEnd - value),
            NumRows = rows,
            Encoding = encoding,
            DefinitionLevelsByteLength = levels.WrittenCount - repLength,
            RepetitionLevelsByteLength = repLength,
            IsCompressed = codec != PageCodec.Uncompressed,
        };
        return WritePage(header, [levels.WrittenMemory, compressed], output) + header.UncompressedSize;
    }

    private static void WritePrefixedLevels(List<int> levels, int entry, int entryEnd, int maxLevel, ArrayBufferWriter<byte> body)
    {
        var encoded = new ArrayBufferWriter<byte>();
        var span = CollectionsMarshal.AsSpan(levels)[entry..entryEnd];
        RleBitPackedEncoder.Encode(span, RleBitPackedEncoder.BitWidth(maxLevel), encoded);
        BinaryPrimitives.WriteInt32LittleEndian(body.GetSpan(4), encoded.WrittenCount);
        body.Advance(4);
        body.Write(encoded.WrittenSpan);
    }

    private static ParquetEncoding WriteValues(ColumnBuffer buffer, ColumnDictionary? dictionary, int value, int valueEnd, ArrayBufferWriter<byte> body)
    {
        if (dictionary is not null)
        {
            // RLE_DICTIONARY: one byte of bit width, then the indices, hybrid-encoded with no length prefix.
            body.GetSpan(1)[0] = (byte)dictionary.BitWidth;
            body.Advance(1);
            RleBitPackedEncoder.Encode(dictionary.Indices.AsSpan(value, valueEnd - value), dictionary.BitWidth, body);
            return ParquetEncoding.RleDictionary;
        }

        if (buffer.Leaf.Physical == PhysicalType.ByteArray)
        {
            PlainEncoder.EncodeBinary(buffer.Binary, value, valueEnd - value, body);
        }
        else
        {
            PlainEncoder.EncodeFixed(buffer.Leaf.Physical, buffer.Fixed, value, valueEnd - value, body);
        }

        return ParquetEncoding.Plain;
    }

    /// <summary>Writes header then body parts; returns the header length.</summary>
    private static int WritePage(PageHeader header, ReadOnlyMemory<byte>[] bodyParts, ArrayBufferWriter<byte> output)
    {
        int before = output.WrittenCount;
        header.Write(new ThriftCompactWriter(output));
        int headerLength = output.WrittenCount - before;
        foreach (var part in bodyParts)
        {
            output.Write(part.Span);
        }

        return headerLength;
    }
}
