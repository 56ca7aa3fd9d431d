namespace Actors.Parquet.Encodings;

/// <summary>Decodes the RLE / bit-packing hybrid (levels, dictionary indices, RLE booleans).</summary>
internal static class RleBitPackedDecoder
{
    /// <summary>
    /// Decodes exactly <paramref name="destination"/>.Length values; returns the bytes consumed.
    /// Padding after the last needed value is ignored, as the format requires.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> destination)
    {
        int position = 0;
        int produced = 0;
        int byteWidth = (bitWidth + 7) / 8;
        while (produced < destination.Length)
        {
            if (position >= data.Length)
            {
                throw new ParquetFormatException($"An RLE/bit-packed stream ended after {produced} of {destination.Length} values; the page is truncated or its level/index data is corrupt.");
            }

            uint header = (uint)Uleb128.Read(data, ref position);
            if ((header & 1) == 0)
            {
                int count = (int)(header >> 1);
                int value = 0;
                for (int b = 0; b < byteWidth; b++)
                {
                    value |= data[position + b] << (8 * b);
                }

                position += byteWidth;
                int take = Math.Min(count, destination.Length - produced);
                destination.Slice(produced, take).Fill(value);
                produced += take;
            }
            else
            {
                int values = (int)(header >> 1) * 8;
                int byteCount = (int)(header >> 1) * bitWidth;
                int available = Math.Min(byteCount, data.Length - position);
                int take = Math.Min(values, destination.Length - produced);
                Unpack(data.Slice(position, available), bitWidth, destination.Slice(produced, take));
                produced += take;
                position += available;
            }
        }

        return position;
    }

    /// <summary>Unpacks LSB-first values of <paramref name="bitWidth"/> bits.</summary>
    public static void Unpack(ReadOnlySpan<byte> data, int bitWidth, Span<int> destination)
    {
        if (bitWidth == 0)
        {
            destination.Clear();
            return;
        }

        ulong buffer = 0;
        int bits = 0;
        int inIndex = 0;
        ulong mask = bitWidth == 32 ? uint.MaxValue : (1UL << bitWidth) - 1;
        for (int i = 0; i < destination.Length; i++)
        {
            while (bits < bitWidth)
            {
                if (inIndex >= data.Length)
                {
                    throw new ParquetFormatException("A bit-packed run ends before its values; the page is corrupt.");
                }

                buffer |= (ulong)data[inIndex++] << bits;
                bits += 8;
            }

            destination[i] = (int)(buffer & mask);
            buffer >>= bitWidth;
            bits -= bitWidth;
        }
    }
}
