using System.Buffers;

namespace Actors.Parquet.Encodings;

/// <summary>
/// Encodes the RLE / bit-packing hybrid used for levels and dictionary indices. Repeats of 8 or
/// more equal values become RLE runs; everything else is bit-packed, LSB first. Only the final
/// bit-packed run may be padded, because readers stop after the value count they expect.
/// </summary>
internal static class RleBitPackedEncoder
{
    // Writers conventionally cap a bit-packed run at 63 groups so its header fits one byte.
    private const int _maxGroupsPerRun = 63;

    /// <summary>Bits needed to store <paramref name="maxValue"/> (0 for 0).</summary>
    public static int BitWidth(int maxValue) => maxValue == 0 ? 0 : 32 - int.LeadingZeroCount(maxValue);

    public static void Encode(ReadOnlySpan<int> values, int bitWidth, IBufferWriter<byte> output)
    {
        int bitPackedStart = 0;
        int i = 0;
        while (i < values.Length)
        {
            int runEnd = i + 1;
            while (runEnd < values.Length && values[runEnd] == values[i])
            {
                runEnd++;
            }

            int pending = i - bitPackedStart;
            int fill = pending % 8 == 0 ? 0 : 8 - (pending % 8);
            if (runEnd - i - fill >= 8)
            {
                // Top the pending literals up to a whole group from this run, then emit the rest as RLE.
                int rleStart = i + fill;
                WriteBitPacked(values[bitPackedStart..rleStart], bitWidth, output);
                WriteRle(values[rleStart], runEnd - rleStart, bitWidth, output);
                bitPackedStart = runEnd;
            }

            i = runEnd;
        }

        WriteBitPacked(values[bitPackedStart..], bitWidth, output);
    }

    private static void WriteRle(int value, int count, int bitWidth, IBufferWriter<byte> output)
    {
        Uleb128.Write((uint)count << 1, output);
        int byteWidth = (bitWidth + 7) / 8;
        var span = output.GetSpan(byteWidth);
        for (int b = 0; b < byteWidth; b++)
        {
            span[b] = (byte)(value >> (8 * b));
        }

        output.Advance(byteWidth);
    }

    private static void WriteBitPacked(ReadOnlySpan<int> values, int bitWidth, IBufferWriter<byte> output)
    {
        while (values.Length > 0)
        {
            int groups = Math.Min((values.Length + 7) / 8, _maxGroupsPerRun);
            int take = Math.Min(values.Length, groups * 8);
            Uleb128.Write(((uint)groups << 1) | 1, output);
            int byteCount = groups * bitWidth;
            var span = output.GetSpan(byteCount)[..byteCount];
            span.Clear();
            PackInto(values[..take], bitWidth, span);
            output.Advance(byteCount);
            values = values[take..];
        }
    }

    /// <summary>Packs values LSB first, <paramref name="bitWidth"/> bits each.</summary>
    internal static void PackInto(ReadOnlySpan<int> values, int bitWidth, Span<byte> destination)
    {
        ulong buffer = 0;
        int bits = 0;
        int outIndex = 0;
        ulong mask = bitWidth == 32 ? uint.MaxValue : (1UL << bitWidth) - 1;
        foreach (int value in values)
        {
            buffer |= ((ulong)(uint)value & mask) << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                destination[outIndex++] = (byte)buffer;
                buffer >>= 8;
                bits -= 8;
            }
        }

        if (bits > 0)
        {
            destination[outIndex] = (byte)buffer;
        }
    }
}
