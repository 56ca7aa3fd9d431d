namespace Actors.Parquet;

/// <summary>
/// The values of one column in one row group, for the low-level API. <see cref="Data"/> is an array
/// of the field's .NET type: <c>string?[]</c>, <c>int[]</c> or <c>int?[]</c>, <c>long[]</c>/<c>long?[]</c>,
/// <c>double[]</c>/<c>double?[]</c>, <c>bool[]</c>/<c>bool?[]</c>, <c>DateTimeOffset[]</c>/<c>DateTimeOffset?[]</c>,
/// or for a string list <c>IReadOnlyList&lt;string?&gt;?[]</c>.
/// </summary>
public sealed class ParquetColumn
{
    /// <summary>Pairs a field with its values, one array element per row.</summary>
    public ParquetColumn(ParquetField field, Array data)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(data);
        Field = field;
        Data = data;
    }

    /// <summary>The column's field.</summary>
    public ParquetField Field { get; }

    /// <summary>One element per row.</summary>
    public Array Data { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount => Data.Length;
}
