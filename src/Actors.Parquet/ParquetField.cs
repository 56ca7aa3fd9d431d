using Actors.Parquet.Format;

namespace Actors.Parquet;

/// <summary>
/// One top-level column of a <see cref="ParquetSchema"/>. Create it with the factory for its kind,
/// e.g. <c>ParquetField.String("name")</c> or <c>ParquetField.Int64("id", nullable: false)</c>.
/// </summary>
public sealed class ParquetField
{
    private ParquetField(string name, ParquetValueKind kind, bool isNullable, bool elementsNullable)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Kind = kind;
        IsNullable = isNullable;
        ElementsNullable = elementsNullable;
    }

    /// <summary>Column name, unique within the schema.</summary>
    public string Name { get; }

    /// <summary>What the column holds.</summary>
    public ParquetValueKind Kind { get; }

    /// <summary>Whether a row may hold null here (OPTIONAL); for a list, whether the list itself may be null.</summary>
    public bool IsNullable { get; }

    /// <summary>For <see cref="ParquetValueKind.StringList"/>: whether list elements may be null.</summary>
    public bool ElementsNullable { get; }

    /// <summary>Unit of a timestamp column read from another writer's file; this library writes milliseconds.</summary>
    internal TimestampUnit TimestampUnit { get; init; } = TimestampUnit.Millis;

    /// <summary>A UTF-8 string column; nullable by default, like .NET strings.</summary>
    public static ParquetField String(string name, bool nullable = true) => new(name, ParquetValueKind.String, nullable, false);

    /// <summary>An INT32 column.</summary>
    public static ParquetField Int32(string name, bool nullable = false) => new(name, ParquetValueKind.Int32, nullable, false);

    /// <summary>An INT64 column.</summary>
    public static ParquetField Int64(string name, bool nullable = false) => new(name, ParquetValueKind.Int64, nullable, false);

    /// <summary>A DOUBLE column.</summary>
    public static ParquetField Double(string name, bool nullable = false) => new(name, ParquetValueKind.Double, nullable, false);

    /// <summary>A BOOLEAN column.</summary>
    public static ParquetField Boolean(string name, bool nullable = false) => new(name, ParquetValueKind.Boolean, nullable, false);

    /// <summary>A TIMESTAMP(MILLIS, isAdjustedToUTC = true) column holding UTC instants.</summary>
    public static ParquetField Timestamp(string name, bool nullable = false) => new(name, ParquetValueKind.Timestamp, nullable, false);

    /// <summary>A list of strings, stored as the standard 3-level LIST (<c>name.list.element</c>).</summary>
    public static ParquetField StringList(string name, bool nullable = true, bool elementsNullable = true) =>
        new(name, ParquetValueKind.StringList, nullable, elementsNullable);

    internal static ParquetField Create(string name, ParquetValueKind kind, bool nullable, bool elementsNullable, TimestampUnit unit) =>
        new(name, kind, nullable, elementsNullable) { TimestampUnit = unit };

    /// <summary>The .NET type of one value of this column (non-null form).</summary>
    public Type ClrType => Kind switch
    {
        ParquetValueKind.String => typeof(string),
        ParquetValueKind.Int32 => typeof(int),
        ParquetValueKind.Int64 => typeof(long),
        ParquetValueKind.Double => typeof(double),
        ParquetValueKind.Boolean => typeof(bool),
        ParquetValueKind.Timestamp => typeof(DateTimeOffset),
        _ => typeof(IReadOnlyList<string?>),
    };

    /// <inheritdoc />
    public override string ToString()
    {
        string nullability = IsNullable ? "optional" : "required";
        return Kind == ParquetValueKind.StringList
            ? $"{Name}: {nullability} list<{(ElementsNullable ? "optional" : "required")} string>"
            : $"{Name}: {nullability} {Kind.ToString().ToLowerInvariant()}";
    }
}
