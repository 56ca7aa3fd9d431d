using System.Buffers;
using System.Buffers.Binary;
using Actors.Parquet.Format;

namespace Actors.Parquet.Writing;

/// <summary>PLAIN encoding of buffered values (dictionary pages and non-dictionary data pages).</summary>
internal static class PlainEncoder
{
    public static void EncodeFixed(PhysicalType physical, List<long> values, int start, int count, IBufferWriter<byte> output)
    {
        switch (physical)
        {
            case PhysicalType.Boolean:
                // Bit-packed, LSB first, 8 values per byte; the last byte is zero-padded.
                int byteCount = (count + 7) / 8;
                var bits = output.GetSpan(byteCount)[..byteCount];
                bits.Clear();
                for (int i = 0; i < count; i++)
                {
                    if (values[start + i] != 0)
                    {
                        bits[i >> 3] |= (byte)(1 << (i & 7));
                    }
                }

                output.Advance(byteCount);
                break;
            case PhysicalType.Int32:
                var ints = output.GetSpan(count * 4);
                for (int i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(ints[(i * 4)..], (int)values[start + i]);
                }

                output.Advance(count * 4);
                break;
            default:
                var longs = output.GetSpan(count * 8);
                for (int i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(longs[(i * 8)..], values[start + i]);
                }

                output.Advance(count * 8);
                break;
        }
    }

    public static void EncodeBinary(BinaryValues values, int start, int count, IBufferWriter<byte> output)
    {
        // One reservation for the whole run: its bytes plus a 4-byte length per value.
        int total = values.Range(start, count).Length + (4 * count);
        var span = output.GetSpan(total);
        int at = 0;
        for (int i = start; i < start + count; i++)
        {
            var value = values[i];
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], value.Length);
            value.CopyTo(span[(at + 4)..]);
            at += 4 + value.Length;
        }

        output.Advance(total);
    }

    /// <summary>A dictionary page: the values at <paramref name="positions"/>, in that order.</summary>
    public static void EncodeBinary(BinaryValues values, List<int> positions, IBufferWriter<byte> output)
    {
        foreach (int position in positions)
        {
            var value = values[position];
            var span = output.GetSpan(4 + value.Length);
            BinaryPrimitives.WriteInt32LittleEndian(span, value.Length);
            value.CopyTo(span[4..]);
            output.Advance(4 + value.Length);
        }
    }

    /// <summary>A single value as statistics store it: PLAIN without the length prefix.</summary>
    public static byte[] StatisticsBytes(PhysicalType physical, long bits)
    {
        switch (physical)
        {
            case PhysicalType.Boolean:
                return [(byte)bits];
            case PhysicalType.Int32:
                var four = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(four, (int)bits);
                return four;
            default:
                var eight = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(eight, bits);
                return eight;
        }
    }
}
