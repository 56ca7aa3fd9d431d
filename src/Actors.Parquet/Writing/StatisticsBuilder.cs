using Actors.Parquet.Format;

namespace Actors.Parquet.Writing;

/// <summary>
/// Chunk statistics in the column's TYPE_ORDER: signed for integers and timestamps, false &lt; true,
/// unsigned UTF-8 bytes for strings (not UTF-16 ordinal order), and NaN-free for doubles.
/// </summary>
internal static class StatisticsBuilder
{
    // Longer strings get no min/max rather than truncated bounds; readers then just cannot prune.
    private const int _maxStringStatisticsBytes = 64;

    public static ColumnStatistics Build(ColumnBuffer buffer)
    {
        long nullCount = buffer.EntryCount - buffer.ValueCount;
        var physical = buffer.Leaf.Physical;
        if (buffer.ValueCount == 0)
        {
            return new ColumnStatistics { NullCount = nullCount, NanCount = physical == PhysicalType.Double ? 0 : null };
        }

        switch (physical)
        {
            case PhysicalType.ByteArray:
                return BinaryStatistics(buffer.Binary, nullCount);
            case PhysicalType.Double:
                return DoubleStatistics(buffer.Fixed, nullCount);
            default:
                long min = long.MaxValue, max = long.MinValue;
                foreach (long value in buffer.Fixed)
                {
                    min = Math.Min(min, value);
                    max = Math.Max(max, value);
                }

                return new ColumnStatistics
                {
                    NullCount = nullCount,
                    MinValue = PlainEncoder.StatisticsBytes(physical, min),
                    MaxValue = PlainEncoder.StatisticsBytes(physical, max),
                };
        }
    }

    private static ColumnStatistics BinaryStatistics(List<byte[]> values, long nullCount)
    {
        byte[] min = values[0], max = values[0];
        foreach (byte[] value in values)
        {
            if (value.AsSpan().SequenceCompareTo(min) < 0)
            {
                min = value;
            }

            if (value.AsSpan().SequenceCompareTo(max) > 0)
            {
                max = value;
            }
        }

        bool exact = min.Length <= _maxStringStatisticsBytes && max.Length <= _maxStringStatisticsBytes;
        return new ColumnStatistics
        {
            NullCount = nullCount,
            MinValue = exact ? min : null,
            MaxValue = exact ? max : null,
        };
    }

    private static ColumnStatistics DoubleStatistics(List<long> bits, long nullCount)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        long nans = 0;
        foreach (long b in bits)
        {
            double value = BitConverter.Int64BitsToDouble(b);
            if (double.IsNaN(value))
            {
                nans++;
                continue;
            }

            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        if (nans == bits.Count)
        {
            return new ColumnStatistics { NullCount = nullCount, NanCount = nans };
        }

        // Zeros compare equal whatever their sign, so the bounds must cover both: -0 below, +0 above.
        if (min == 0)
        {
            min = -0.0;
        }

        if (max == 0)
        {
            max = 0.0;
        }

        return new ColumnStatistics
        {
            NullCount = nullCount,
            NanCount = nans,
            MinValue = PlainEncoder.StatisticsBytes(PhysicalType.Double, BitConverter.DoubleToInt64Bits(min)),
            MaxValue = PlainEncoder.StatisticsBytes(PhysicalType.Double, BitConverter.DoubleToInt64Bits(max)),
        };
    }
}
