namespace Actors.Parquet.Format;

/// <summary>Translates between <see cref="ParquetSchema"/> and the footer's flattened schema tree.</summary>
internal static class SchemaMapper
{
    public static PhysicalType PhysicalTypeOf(ParquetValueKind kind) => kind switch
    {
        ParquetValueKind.String or ParquetValueKind.StringList => PhysicalType.ByteArray,
        ParquetValueKind.Int32 => PhysicalType.Int32,
        ParquetValueKind.Int64 or ParquetValueKind.Timestamp => PhysicalType.Int64,
        ParquetValueKind.Double => PhysicalType.Double,
        ParquetValueKind.Boolean => PhysicalType.Boolean,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown column kind."),
    };

    public static IReadOnlyList<LeafColumn> Leaves(ParquetSchema schema) => [.. schema.Fields.Select(Leaf)];

    public static LeafColumn Leaf(ParquetField field)
    {
        if (field.Kind == ParquetValueKind.StringList)
        {
            int maxDef = (field.IsNullable ? 1 : 0) + 1 + (field.ElementsNullable ? 1 : 0);
            return new LeafColumn(field, PhysicalType.ByteArray, [field.Name, "list", "element"], maxDef, 1);
        }

        return new LeafColumn(field, PhysicalTypeOf(field.Kind), [field.Name], field.IsNullable ? 1 : 0, 0);
    }

    public static List<SchemaElement> ToElements(ParquetSchema schema)
    {
        var elements = new List<SchemaElement> { new() { Name = "schema", NumChildren = schema.Fields.Count } };
        foreach (var field in schema.Fields)
        {
            var repetition = field.IsNullable ? FieldRepetition.Optional : FieldRepetition.Required;
            switch (field.Kind)
            {
                case ParquetValueKind.StringList:
                    elements.Add(new SchemaElement
                    {
                        Name = field.Name,
                        Repetition = repetition,
                        NumChildren = 1,
                        ConvertedType = ConvertedType.List,
                        LogicalType = LogicalTypeAnnotation.ListType,
                    });
                    elements.Add(new SchemaElement { Name = "list", Repetition = FieldRepetition.Repeated, NumChildren = 1 });
                    elements.Add(new SchemaElement
                    {
                        Name = "element",
                        Repetition = field.ElementsNullable ? FieldRepetition.Optional : FieldRepetition.Required,
                        Type = PhysicalType.ByteArray,
                        ConvertedType = ConvertedType.Utf8,
                        LogicalType = LogicalTypeAnnotation.StringType,
                    });
                    break;
                case ParquetValueKind.String:
                    elements.Add(Leaf(field.Name, repetition, PhysicalType.ByteArray, ConvertedType.Utf8, LogicalTypeAnnotation.StringType));
                    break;
                case ParquetValueKind.Timestamp:
                    elements.Add(Leaf(field.Name, repetition, PhysicalType.Int64, ConvertedType.TimestampMillis, LogicalTypeAnnotation.UtcMillis));
                    break;
                default:
                    elements.Add(Leaf(field.Name, repetition, PhysicalTypeOf(field.Kind), null, null));
                    break;
            }
        }

        return elements;
    }

    /// <summary>Reads the footer schema; throws for shapes outside the supported set, naming the column.</summary>
    public static (ParquetSchema Schema, IReadOnlyList<LeafColumn> Leaves) FromElements(IReadOnlyList<SchemaElement> elements)
    {
        if (elements.Count == 0 || elements[0].NumChildren is not { } topCount)
        {
            throw new ParquetFormatException("The footer's schema has no root element with children.");
        }

        var fields = new List<ParquetField>();
        int index = 1;
        for (int i = 0; i < topCount; i++)
        {
            if (index >= elements.Count)
            {
                throw new ParquetFormatException($"The footer's schema promises {topCount} top-level columns but holds only {i}.");
            }

            var element = elements[index];
            bool nullable = element.Repetition != FieldRepetition.Required;
            if (element.NumChildren is { } children)
            {
                fields.Add(ListField(elements, index, children, nullable));
                index += 3;
            }
            else
            {
                if (element.Repetition == FieldRepetition.Repeated)
                {
                    throw new ParquetFormatException($"Column '{element.Name}' is a bare repeated field (a legacy list layout); only 3-level LIST columns are supported.");
                }

                var (kind, unit) = KindOf(element);
                fields.Add(ParquetField.Create(element.Name, kind, nullable, false, unit));
                index++;
            }
        }

        var schema = new ParquetSchema(fields);
        return (schema, Leaves(schema));
    }

    private static ParquetField ListField(IReadOnlyList<SchemaElement> elements, int index, int children, bool nullable)
    {
        var outer = elements[index];
        bool isList = outer.ConvertedType == ConvertedType.List || outer.LogicalType?.Kind == LogicalTypeKind.List;
        if (!isList || children != 1 || index + 2 >= elements.Count
            || elements[index + 1] is not { Repetition: FieldRepetition.Repeated, NumChildren: 1 }
            || elements[index + 2] is not { NumChildren: null } leaf)
        {
            throw new ParquetFormatException($"Column '{outer.Name}' is a group that is not a 3-level LIST of scalars; nested structs, maps and legacy lists are not supported.");
        }

        var (kind, _) = KindOf(leaf);
        if (kind != ParquetValueKind.String)
        {
            throw new ParquetFormatException($"Column '{outer.Name}' is a list of {kind}; only lists of strings are supported.");
        }

        return ParquetField.StringList(outer.Name, nullable, leaf.Repetition != FieldRepetition.Required);
    }

    private static (ParquetValueKind Kind, TimestampUnit Unit) KindOf(SchemaElement leaf)
    {
        var logical = leaf.LogicalType;
        switch (leaf.Type)
        {
            case PhysicalType.ByteArray when logical?.Kind is LogicalTypeKind.String or LogicalTypeKind.Json or LogicalTypeKind.Enum
                                             || leaf.ConvertedType == ConvertedType.Utf8:
                return (ParquetValueKind.String, TimestampUnit.Millis);
            case PhysicalType.Int32 when logical is null or { Kind: LogicalTypeKind.Integer }:
                return (ParquetValueKind.Int32, TimestampUnit.Millis);
            case PhysicalType.Int64 when logical?.Kind == LogicalTypeKind.Timestamp:
                return (ParquetValueKind.Timestamp, logical.Unit);
            case PhysicalType.Int64 when leaf.ConvertedType == ConvertedType.TimestampMillis:
                return (ParquetValueKind.Timestamp, TimestampUnit.Millis);
            case PhysicalType.Int64 when leaf.ConvertedType == ConvertedType.TimestampMicros:
                return (ParquetValueKind.Timestamp, TimestampUnit.Micros);
            case PhysicalType.Int64 when logical is null or { Kind: LogicalTypeKind.Integer }:
                return (ParquetValueKind.Int64, TimestampUnit.Millis);
            case PhysicalType.Double:
                return (ParquetValueKind.Double, TimestampUnit.Millis);
            case PhysicalType.Boolean:
                return (ParquetValueKind.Boolean, TimestampUnit.Millis);
            default:
                string annotation = logical is null ? leaf.ConvertedType?.ToString() ?? "no annotation" : logical.Kind.ToString();
                throw new ParquetFormatException($"Column '{leaf.Name}' is {leaf.Type} with {annotation}; supported are UTF-8 strings, INT32, INT64, DOUBLE, BOOLEAN, INT64 timestamps and lists of strings.");
        }
    }

    private static SchemaElement Leaf(string name, FieldRepetition repetition, PhysicalType type, ConvertedType? converted, LogicalTypeAnnotation? logical) =>
        new() { Name = name, Repetition = repetition, Type = type, ConvertedType = converted, LogicalType = logical };
}
