namespace Actors.Parquet;

/// <summary>An ordered set of uniquely named top-level columns.</summary>
public sealed class ParquetSchema
{
    private readonly Dictionary<string, int> _indexByName;

    /// <summary>Creates a schema; throws when a name repeats or no field is given.</summary>
    public ParquetSchema(params IReadOnlyList<ParquetField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0)
        {
            throw new ArgumentException("A Parquet schema needs at least one field.", nameof(fields));
        }

        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < fields.Count; i++)
        {
            if (!_indexByName.TryAdd(fields[i].Name, i))
            {
                throw new ArgumentException($"The schema names the column '{fields[i].Name}' twice; column names must be unique.", nameof(fields));
            }
        }

        Fields = [.. fields];
    }

    /// <summary>The columns, in file order.</summary>
    public IReadOnlyList<ParquetField> Fields { get; }

    /// <summary>The column with this name.</summary>
    public ParquetField this[string name] => TryGetIndex(name, out int i)
        ? Fields[i]
        : throw new KeyNotFoundException($"The schema has no column '{name}'; it has {string.Join(", ", Fields.Select(f => f.Name))}.");

    /// <summary>Finds a column's position by name.</summary>
    public bool TryGetIndex(string name, out int index) => _indexByName.TryGetValue(name, out index);

    /// <inheritdoc />
    public override string ToString() => string.Join(Environment.NewLine, Fields);
}
