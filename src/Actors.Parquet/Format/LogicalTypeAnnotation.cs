using Actors.Parquet.Thrift;

namespace Actors.Parquet.Format;

/// <summary>The <c>LogicalType</c> union of a schema element, reduced to the members we use.</summary>
internal sealed class LogicalTypeAnnotation
{
    public LogicalTypeKind Kind { get; init; }

    public bool IsAdjustedToUtc { get; init; }

    public TimestampUnit Unit { get; init; } = TimestampUnit.Millis;

    public static LogicalTypeAnnotation StringType { get; } = new() { Kind = LogicalTypeKind.String };

    public static LogicalTypeAnnotation ListType { get; } = new() { Kind = LogicalTypeKind.List };

    public static LogicalTypeAnnotation UtcMillis { get; } = new() { Kind = LogicalTypeKind.Timestamp, IsAdjustedToUtc = true, Unit = TimestampUnit.Millis };

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.StructField((short)Kind);
        if (Kind == LogicalTypeKind.Timestamp)
        {
            w.BoolField(1, IsAdjustedToUtc);
            w.StructField(2);
            w.StructField((short)Unit);
            w.EndStruct();
            w.EndStruct();
        }

        w.EndStruct();
        w.EndStruct();
    }

    public static LogicalTypeAnnotation Read(ThriftCompactReader r)
    {
        var kind = LogicalTypeKind.Other;
        bool utc = false;
        var unit = TimestampUnit.Millis;
        r.BeginStruct();
        while (r.NextField(out short id, out var type))
        {
            if (id == (short)LogicalTypeKind.Timestamp && type == ThriftType.Struct)
            {
                kind = LogicalTypeKind.Timestamp;
                r.BeginStruct();
                while (r.NextField(out short tid, out var ttype))
                {
                    if (tid == 1 && ttype is ThriftType.BoolTrue or ThriftType.BoolFalse)
                    {
                        utc = ThriftCompactReader.BoolValue(ttype);
                    }
                    else if (tid == 2 && ttype == ThriftType.Struct)
                    {
                        unit = ReadUnit(r);
                    }
                    else
                    {
                        r.Skip(ttype);
                    }
                }

                r.EndStruct();
            }
            else
            {
                kind = Enum.IsDefined((LogicalTypeKind)id) ? (LogicalTypeKind)id : LogicalTypeKind.Other;
                r.Skip(type);
            }
        }

        r.EndStruct();
        return new LogicalTypeAnnotation { Kind = kind, IsAdjustedToUtc = utc, Unit = unit };
    }

    private static TimestampUnit ReadUnit(ThriftCompactReader r)
    {
        var unit = TimestampUnit.Millis;
        r.BeginStruct();
        while (r.NextField(out short id, out var type))
        {
            unit = (TimestampUnit)id;
            r.Skip(type);
        }

        r.EndStruct();
        return unit;
    }
}
