namespace Actors.Parquet;

/// <summary>The kinds of column this library writes and reads.</summary>
public enum ParquetValueKind
{
    /// <summary>UTF-8 text: BYTE_ARRAY annotated STRING/UTF8; .NET <see cref="string"/>.</summary>
    String,

    /// <summary>INT32; .NET <see cref="int"/>.</summary>
    Int32,

    /// <summary>INT64; .NET <see cref="long"/>.</summary>
    Int64,

    /// <summary>DOUBLE; .NET <see cref="double"/>.</summary>
    Double,

    /// <summary>BOOLEAN; .NET <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>INT64 TIMESTAMP(MILLIS, UTC); .NET <see cref="DateTimeOffset"/> (UTC).</summary>
    Timestamp,

    /// <summary>A 3-level LIST of strings; .NET <see cref="IReadOnlyList{T}"/> of nullable strings.</summary>
    StringList,
}
