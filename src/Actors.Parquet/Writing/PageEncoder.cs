using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Actors.Parquet.Encodings;
using Actors.Parquet.Format;

namespace Actors.Parquet.Writing;

/// <summary>
/// Encodes and compresses single pages of a buffered column chunk. Its buffers and compressor are
/// reused from page to page (allocating them per page, each about a page in size and so on the large
/// object heap, cost more than encoding), so one instance serves one thread at a time; the chunk
/// writer keeps one per worker.
/// </summary>
internal sealed class PageEncoder
{
    private readonly ArrayBufferWriter<byte> _body = new();
    private readonly ArrayBufferWriter<byte> _levels = new();
    private readonly PageCompressor _compressor;
    private readonly int _codec;

    public PageEncoder(int codec)
    {
        _codec = codec;
        _compressor = new PageCompressor(codec);
    }

    public EncodedPage DictionaryPage(ColumnBuffer buffer, ColumnDictionary dictionary)
    {
        var body = _body;
        body.ResetWrittenCount();
        if (buffer.Leaf.Physical == PhysicalType.ByteArray)
        {
            PlainEncoder.EncodeBinary(buffer.Binary, dictionary.BinaryEntries, body);
        }
        else
        {
            PlainEncoder.EncodeFixed(buffer.Leaf.Physical, dictionary.FixedEntries, 0, dictionary.Count, body);
        }

        var compressed = _compressor.Compress(body.WrittenSpan);
        var header = new PageHeader
        {
            Type = PageType.DictionaryPage,
            UncompressedSize = body.WrittenCount,
            CompressedSize = compressed.Length,
            NumValues = dictionary.Count,
        };
        return new EncodedPage(header, default, compressed);
    }

    /// <summary>The data page holding level entries [entry, entryEnd) and values [value, valueEnd).</summary>
    public EncodedPage DataPage(ColumnBuffer buffer, ColumnDictionary? dictionary, int version, PageRange page) =>
        version == 2 ? DataPageV2(buffer, dictionary, page) : DataPageV1(buffer, dictionary, page);

    private EncodedPage DataPageV1(ColumnBuffer buffer, ColumnDictionary? dictionary, PageRange page)
    {
        // V1 body: [rep levels with u32 length][def levels with u32 length][values], compressed as one block.
        var body = _body;
        body.ResetWrittenCount();
        if (buffer.RepetitionLevels is { } repetition)
        {
            WritePrefixedLevels(repetition, page, buffer.Leaf.MaxRepetitionLevel, body);
        }

        if (buffer.DefinitionLevels is { } definition)
        {
            WritePrefixedLevels(definition, page, buffer.Leaf.MaxDefinitionLevel, body);
        }

        var encoding = WriteValues(buffer, dictionary, page, body);
        var compressed = _compressor.Compress(body.WrittenSpan);
        var header = new PageHeader
        {
            Type = PageType.DataPage,
            UncompressedSize = body.WrittenCount,
            CompressedSize = compressed.Length,
            NumValues = page.EntryEnd - page.Entry,
            Encoding = encoding,
        };
        return new EncodedPage(header, default, compressed);
    }

    private EncodedPage DataPageV2(ColumnBuffer buffer, ColumnDictionary? dictionary, PageRange page)
    {
        // V2 body: [rep levels][def levels] uncompressed and unprefixed, then the values, compressed alone.
        var levels = _levels;
        levels.ResetWrittenCount();
        int entries = page.EntryEnd - page.Entry;
        int repLength = 0, rows = entries;
        if (buffer.RepetitionLevels is { } repetition)
        {
            var span = CollectionsMarshal.AsSpan(repetition)[page.Entry..page.EntryEnd];
            RleBitPackedEncoder.Encode(span, RleBitPackedEncoder.BitWidth(buffer.Leaf.MaxRepetitionLevel), levels);
            repLength = levels.WrittenCount;
            rows = span.Count(0);
        }

        if (buffer.DefinitionLevels is { } definition)
        {
            var span = CollectionsMarshal.AsSpan(definition)[page.Entry..page.EntryEnd];
            RleBitPackedEncoder.Encode(span, RleBitPackedEncoder.BitWidth(buffer.Leaf.MaxDefinitionLevel), levels);
        }

        var values = _body;
        values.ResetWrittenCount();
        var encoding = WriteValues(buffer, dictionary, page, values);
        var compressed = _compressor.Compress(values.WrittenSpan);
        var header = new PageHeader
        {
            Type = PageType.DataPageV2,
            UncompressedSize = levels.WrittenCount + values.WrittenCount,
            CompressedSize = levels.WrittenCount + compressed.Length,
            NumValues = entries,
            NumNulls = entries - (page.ValueEnd - page.Value),
            NumRows = rows,
            Encoding = encoding,
            DefinitionLevelsByteLength = levels.WrittenCount - repLength,
            RepetitionLevelsByteLength = repLength,
            IsCompressed = _codec != PageCodec.Uncompressed,
        };
        return new EncodedPage(header, levels.WrittenSpan, compressed);
    }

    private void WritePrefixedLevels(List<int> levels, PageRange page, int maxLevel, ArrayBufferWriter<byte> body)
    {
        var encoded = _levels;
        encoded.ResetWrittenCount();
        var span = CollectionsMarshal.AsSpan(levels)[page.Entry..page.EntryEnd];
        RleBitPackedEncoder.Encode(span, RleBitPackedEncoder.BitWidth(maxLevel), encoded);
        BinaryPrimitives.WriteInt32LittleEndian(body.GetSpan(4), encoded.WrittenCount);
        body.Advance(4);
        body.Write(encoded.WrittenSpan);
    }

    private static ParquetEncoding WriteValues(ColumnBuffer buffer, ColumnDictionary? dictionary, PageRange page, ArrayBufferWriter<byte> body)
    {
        int count = page.ValueEnd - page.Value;
        if (dictionary is not null)
        {
            // RLE_DICTIONARY: one byte of bit width, then the indices, hybrid-encoded with no length prefix.
            body.GetSpan(1)[0] = (byte)dictionary.BitWidth;
            body.Advance(1);
            RleBitPackedEncoder.Encode(dictionary.Indices.AsSpan(page.Value, count), dictionary.BitWidth, body);
            return ParquetEncoding.RleDictionary;
        }

        if (buffer.Leaf.Physical == PhysicalType.ByteArray)
        {
            PlainEncoder.EncodeBinary(buffer.Binary, page.Value, count, body);
        }
        else
        {
            PlainEncoder.EncodeFixed(buffer.Leaf.Physical, buffer.Fixed, page.Value, count, body);
        }

        return ParquetEncoding.Plain;
    }
}
