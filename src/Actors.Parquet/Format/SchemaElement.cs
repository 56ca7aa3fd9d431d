using Actors.Parquet.Thrift;

namespace Actors.Parquet.Format;

/// <summary>One node of the flattened schema tree (parquet.thrift <c>SchemaElement</c>).</summary>
internal sealed class SchemaElement
{
    public PhysicalType? Type { get; init; }

    public int? TypeLength { get; init; }

    public FieldRepetition? Repetition { get; init; }

    public required string Name { get; init; }

    public int? NumChildren { get; init; }

    public ConvertedType? ConvertedType { get; init; }

    public LogicalTypeAnnotation? LogicalType { get; init; }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        if (Type is { } type)
        {
            w.I32Field(1, (int)type);
        }

        if (Repetition is { } repetition)
        {
            w.I32Field(3, (int)repetition);
        }

        w.StringField(4, Name);
        if (NumChildren is { } children)
        {
            w.I32Field(5, children);
        }

        if (ConvertedType is { } converted)
        {
            w.I32Field(6, (int)converted);
        }

        if (LogicalType is { } logical)
        {
            w.FieldHeader(10, ThriftType.Struct);
            logical.Write(w);
        }

        w.EndStruct();
    }

    public static SchemaElement Read(ThriftCompactReader r)
    {
        PhysicalType? type = null;
        int? typeLength = null;
        FieldRepetition? repetition = null;
        string name = "";
        int? children = null;
        ConvertedType? converted = null;
        LogicalTypeAnnotation? logical = null;
        r.BeginStruct();
        while (r.NextField(out short id, out var wire))
        {
            switch (id)
            {
                case 1 when wire == ThriftType.I32: type = (PhysicalType)r.ReadI32(); break;
                case 2 when wire == ThriftType.I32: typeLength = r.ReadI32(); break;
                case 3 when wire == ThriftType.I32: repetition = (FieldRepetition)r.ReadI32(); break;
                case 4 when wire == ThriftType.Binary: name = r.ReadString(); break;
                case 5 when wire == ThriftType.I32: children = r.ReadI32(); break;
                case 6 when wire == ThriftType.I32: converted = (ConvertedType)r.ReadI32(); break;
                case 10 when wire == ThriftType.Struct: logical = LogicalTypeAnnotation.Read(r); break;
                default: r.Skip(wire); break;
            }
        }

        r.EndStruct();
        return new SchemaElement
        {
            Type = type,
            TypeLength = typeLength,
            Repetition = repetition,
            Name = name,
            NumChildren = children,
            ConvertedType = converted,
            LogicalType = logical,
        };
    }
}
