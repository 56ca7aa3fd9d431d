using System.Text;
using Actors.Parquet.Encodings;

namespace Actors.Parquet.Reading;

/// <summary>The DELTA_* encodings, which DuckDB and parquet-java use in their "v2" writer modes.</summary>
internal static class DeltaDecoder
{
    /// <summary>DELTA_BINARY_PACKED; returns the bytes consumed. Arithmetic wraps, as the format specifies.</summary>
    public static int DecodeInts(ReadOnlySpan<byte> data, int count, Span<long> destination, string where)
    {
        int position = 0;
        int blockSize = (int)Uleb128.Read(data, ref position);
        int miniblocks = (int)Uleb128.Read(data, ref position);
        int total = (int)Uleb128.Read(data, ref position);
        long value = ZigZag(Uleb128.Read(data, ref position));
        if (miniblocks <= 0 || blockSize % miniblocks != 0 || total < count)
        {
            throw new ParquetFormatException($"{where}: a DELTA_BINARY_PACKED header is invalid (block {blockSize}, miniblocks {miniblocks}, values {total}, needed {count}).");
        }

        int perMiniblock = blockSize / miniblocks;
        int produced = 0;
        if (count > 0)
        {
            destination[produced++] = value;
        }

        var unpacked = new int[perMiniblock];
        var widths = new byte[miniblocks];
        int remaining = total - 1;
        while (remaining > 0)
        {
            long minDelta = ZigZag(Uleb128.Read(data, ref position));
            data.Slice(position, miniblocks).CopyTo(widths);
            position += miniblocks;
            for (int m = 0; m < miniblocks && remaining > 0; m++)
            {
                int width = widths[m];
                int bytes = perMiniblock * width / 8;
                var packed = data.Slice(position, Math.Min(bytes, data.Length - position));
                UnpackLong(packed, width, perMiniblock, out var deltas);
                position += bytes;
                int take = Math.Min(perMiniblock, remaining);
                for (int i = 0; i < take; i++)
                {
                    value = unchecked(value + minDelta + (long)deltas[i]);
                    if (produced < count)
                    {
                        destination[produced++] = value;
                    }
                }

                remaining -= take;
            }
        }

        return position;
    }

    /// <summary>DELTA_BYTE_ARRAY: prefix lengths, then suffixes as DELTA_LENGTH_BYTE_ARRAY.</summary>
    public static void DecodeByteArrays(ReadOnlySpan<byte> data, int count, Span<string> destination, string where)
    {
        var prefixes = new long[count];
        int offset = DecodeInts(data, count, prefixes, where);
        var suffixLengths = new long[count];
        offset += DecodeInts(data[offset..], count, suffixLengths, where);
        byte[] previous = [];
        for (int i = 0; i < count; i++)
        {
            int prefix = (int)prefixes[i], suffix = (int)suffixLengths[i];
            var current = new byte[prefix + suffix];
            previous.AsSpan(0, prefix).CopyTo(current);
            data.Slice(offset, suffix).CopyTo(current.AsSpan(prefix));
            offset += suffix;
            destination[i] = Encoding.UTF8.GetString(current);
            previous = current;
        }
    }

    private static void UnpackLong(ReadOnlySpan<byte> data, int width, int count, out ulong[] values)
    {
        values = new ulong[count];
        if (width == 0)
        {
            return;
        }

        // Widths up to 64 bits: accumulate in a 128-bit window, LSB first.
        UInt128 buffer = 0;
        int bits = 0, index = 0;
        UInt128 mask = width == 64 ? ulong.MaxValue : (UInt128)((1UL << width) - 1);
        for (int i = 0; i < count; i++)
        {
            while (bits < width)
            {
                buffer |= (UInt128)(index < data.Length ? data[index] : (byte)0) << bits;
                index++;
                bits += 8;
            }

            values[i] = (ulong)(buffer & mask);
            buffer >>= width;
            bits -= width;
        }
    }

    private static long ZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
