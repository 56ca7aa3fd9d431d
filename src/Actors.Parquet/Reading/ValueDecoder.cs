using System.Buffers.Binary;
using System.Text;
using Actors.Parquet.Encodings;
using Actors.Parquet.Format;

namespace Actors.Parquet.Reading;

/// <summary>
/// Decodes the values section of a data page into a <see cref="DecodedColumn"/>. Besides what our
/// writer produces (PLAIN, RLE_DICTIONARY) it reads what DuckDB and arrow-rs write for the same
/// types: PLAIN_DICTIONARY, RLE booleans, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
/// DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT.
/// </summary>
internal static class ValueDecoder
{
    public static void Decode(ReadOnlySpan<byte> data, ParquetEncoding encoding, PhysicalType physical, int count, ColumnDictionaryValues? dictionary, DecodedColumn target, string where)
    {
        if (count == 0)
        {
            return;
        }

        switch (encoding)
        {
            case ParquetEncoding.Plain when physical == PhysicalType.ByteArray:
                DecodePlainBinary(data, count, target, where);
                break;
            case ParquetEncoding.Plain:
                DecodePlainFixed(data, physical, count, target.Fixed.AsSpan(target.ValueCount, count), where);
                break;
            case ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary:
                DecodeDictionary(data, count, dictionary ?? throw new ParquetFormatException($"{where}: a dictionary-encoded page comes before any dictionary page."), target);
                break;
            case ParquetEncoding.Rle when physical == PhysicalType.Boolean:
                var bits = new int[count];
                RleBitPackedDecoder.Decode(data[4..], 1, bits);
                for (int i = 0; i < count; i++)
                {
                    target.Fixed[target.ValueCount + i] = bits[i];
                }

                break;
            case ParquetEncoding.DeltaBinaryPacked when physical is PhysicalType.Int32 or PhysicalType.Int64:
                DeltaDecoder.DecodeInts(data, count, target.Fixed.AsSpan(target.ValueCount, count), where);
                break;
            case ParquetEncoding.DeltaLengthByteArray when physical == PhysicalType.ByteArray:
                var lengths = new long[count];
                int offset = DeltaDecoder.DecodeInts(data, count, lengths, where);
                for (int i = 0; i < count; i++)
                {
                    target.Strings[target.ValueCount + i] = Encoding.UTF8.GetString(data.Slice(offset, (int)lengths[i]));
                    offset += (int)lengths[i];
                }

                break;
            case ParquetEncoding.DeltaByteArray when physical == PhysicalType.ByteArray:
                DeltaDecoder.DecodeByteArrays(data, count, target.Strings.AsSpan(target.ValueCount, count), where);
                break;
            case ParquetEncoding.ByteStreamSplit when physical is PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.Double or PhysicalType.Float:
                DecodeByteStreamSplit(data, physical, count, target.Fixed.AsSpan(target.ValueCount, count));
                break;
            default:
                throw new ParquetFormatException($"{where}: encoding {encoding} for {physical} values is not supported by this reader.");
        }

        target.ValueCount += count;
    }

    public static void DecodePlainFixed(ReadOnlySpan<byte> data, PhysicalType physical, int count, Span<long> destination, string where)
    {
        int width = physical switch
        {
            PhysicalType.Boolean => 0,
            PhysicalType.Int32 => 4,
            PhysicalType.Int64 or PhysicalType.Double => 8,
            _ => throw new ParquetFormatException($"{where}: physical type {physical} is not supported."),
        };
        long needed = width == 0 ? (count + 7) / 8 : (long)count * width;
        if (data.Length < needed)
        {
            throw new ParquetFormatException($"{where}: the page holds {data.Length} value bytes but {count} PLAIN {physical} values need {needed}.");
        }

        for (int i = 0; i < count; i++)
        {
            destination[i] = width switch
            {
                0 => (data[i >> 3] >> (i & 7)) & 1,
                4 => BinaryPrimitives.ReadInt32LittleEndian(data[(i * 4)..]),
                _ => BinaryPrimitives.ReadInt64LittleEndian(data[(i * 8)..]),
            };
        }
    }

    public static int DecodePlainStrings(ReadOnlySpan<byte> data, int count, Span<string> destination, string where)
    {
        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            if (offset + 4 > data.Length)
            {
                throw new ParquetFormatException($"{where}: PLAIN BYTE_ARRAY data ends after {i} of {count} values.");
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);
            offset += 4;
            if (length < 0 || offset + length > data.Length)
            {
                throw new ParquetFormatException($"{where}: PLAIN BYTE_ARRAY value {i} claims {length} bytes but only {data.Length - offset} remain.");
            }

            destination[i] = Encoding.UTF8.GetString(data.Slice(offset, length));
            offset += length;
        }

        return offset;
    }

    private static void DecodePlainBinary(ReadOnlySpan<byte> data, int count, DecodedColumn target, string where) =>
        DecodePlainStrings(data, count, target.Strings.AsSpan(target.ValueCount, count), where);

    private static void DecodeDictionary(ReadOnlySpan<byte> data, int count, ColumnDictionaryValues dictionary, DecodedColumn target)
    {
        int bitWidth = data[0];
        var indices = new int[count];
        RleBitPackedDecoder.Decode(data[1..], bitWidth, indices);
        int size = dictionary.Count;
        for (int i = 0; i < count; i++)
        {
            int index = indices[i];
            if ((uint)index >= (uint)size)
            {
                throw new ParquetFormatException($"A dictionary index {index} is outside the dictionary of {size} entries; the page is corrupt.");
            }

            if (dictionary.Strings is { } strings)
            {
                target.Strings[target.ValueCount + i] = strings[index];
            }
            else
            {
                target.Fixed[target.ValueCount + i] = dictionary.Fixed![index];
            }
        }
    }

    private static void DecodeByteStreamSplit(ReadOnlySpan<byte> data, PhysicalType physical, int count, Span<long> destination)
    {
        int width = physical is PhysicalType.Int32 or PhysicalType.Float ? 4 : 8;
        Span<byte> value = stackalloc byte[8];
        for (int i = 0; i < count; i++)
        {
            for (int b = 0; b < width; b++)
            {
                value[b] = data[(b * count) + i];
            }

            destination[i] = width == 4 ? BinaryPrimitives.ReadInt32LittleEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
        }
    }
}
