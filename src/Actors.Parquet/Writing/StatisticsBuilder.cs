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

    private static ColumnStatistics BinaryStatistics(BinaryValues values, long nullCount)
    {
        int min = 0, max = 0;
        for (int i = 1; i < values.Count; i++)
        {
            // A new minimum cannot also be a new maximum, so most values need one comparison, not two.
            var value = values[i];
            if (value.SequenceCompareTo(values[min]) < 0)
            {
                min = i;
            }
            else if (value.SequenceCompareTo(values[max]) > 0)
            {
                max = i;
            }
        }

        bool exact = values.Length(min) <= _maxStringStatisticsBytes && values.Length(max) <= _maxStringStatisticsBytes;
        return new ColumnStatistics
        {
            NullCount = nullCount,
            MinValue = exact ? values[min].ToArray() : null,
            MaxValue = exact ? values[max].ToArray() : null,
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
