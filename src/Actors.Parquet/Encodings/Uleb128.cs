using System.Buffers;

namespace Actors.Parquet.Encodings;

/// <summary>
/// Unsigned LEB128 varints (7 bits per byte, low groups first), shared by Thrift compact integers,
/// RLE/bit-packed run headers and the DELTA encodings.
/// </summary>
internal static class Uleb128
{
    public static void Write(ulong value, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(10);
        int i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        output.Advance(i);
    }

    public static ulong Read(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new ParquetFormatException($"A varint is cut off at byte {position}; the data is truncated or corrupt.");
            }

            byte b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new ParquetFormatException($"A varint ending at byte {position} is longer than 10 bytes; the data is corrupt.");
    }
}
