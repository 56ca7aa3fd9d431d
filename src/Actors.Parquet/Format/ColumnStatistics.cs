using Actors.Parquet.Thrift;

namespace Actors.Parquet.Format;

/// <summary>parquet.thrift <c>Statistics</c>: null count and min/max in the column's sort order.</summary>
internal sealed class ColumnStatistics
{
    public long? NullCount { get; init; }

    /// <summary>PLAIN bytes of the maximum, without a length prefix for strings.</summary>
    public byte[]? MaxValue { get; init; }

    public byte[]? MinValue { get; init; }

    public long? NanCount { get; init; }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        if (NullCount is { } nulls)
        {
            w.I64Field(3, nulls);
        }

        // Field 5 is max and 6 is min; the exact flags are 7 (max) and 8 (min).
        if (MaxValue is not null)
        {
            w.BinaryField(5, MaxValue);
        }

        if (MinValue is not null)
        {
            w.BinaryField(6, MinValue);
        }

        if (MaxValue is not null)
        {
            w.BoolField(7, true);
        }

        if (MinValue is not null)
        {
            w.BoolField(8, true);
        }

        if (NanCount is { } nans)
        {
            w.I64Field(9, nans);
        }

        w.EndStruct();
    }

    public static ColumnStatistics Read(ThriftCompactReader r)
    {
        long? nulls = null;
        long? nans = null;
        byte[]? max = null;
        byte[]? min = null;
        r.BeginStruct();
        while (r.NextField(out short id, out var wire))
        {
            switch (id)
            {
                case 3 when wire == ThriftType.I64: nulls = r.ReadI64(); break;
                case 5 when wire == ThriftType.Binary: max = r.ReadBinary().ToArray(); break;
                case 6 when wire == ThriftType.Binary: min = r.ReadBinary().ToArray(); break;
                case 9 when wire == ThriftType.I64: nans = r.ReadI64(); break;
                default: r.Skip(wire); break;
            }
        }

        r.EndStruct();
        return new ColumnStatistics { NullCount = nulls, MaxValue = max, MinValue = min, NanCount = nans };
    }
}
