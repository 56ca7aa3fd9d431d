using Actors.Parquet.Format;

namespace Actors.Parquet.Writing;

/// <summary>
/// The shredded contents of one column chunk while it is being buffered: definition and repetition
/// levels plus the non-null values. Fixed-width values are kept as 64-bit patterns (INT32 widened,
/// DOUBLE as its IEEE bits, BOOLEAN as 0/1, timestamps as epoch milliseconds); strings as UTF-8.
/// </summary>
internal sealed class ColumnBuffer
{
    private readonly List<int>? _definitionLevels;
    private readonly List<int>? _repetitionLevels;

    public ColumnBuffer(LeafColumn leaf)
    {
        Leaf = leaf;
        _definitionLevels = leaf.MaxDefinitionLevel > 0 ? [] : null;
        _repetitionLevels = leaf.MaxRepetitionLevel > 0 ? [] : null;
    }

    public LeafColumn Leaf { get; }

    public int RowCount { get; private set; }

    /// <summary>Level entries: one per row for flat columns, at least one per row for lists.</summary>
    public int EntryCount { get; private set; }

    /// <summary>Estimated uncompressed PLAIN size of what is buffered, levels included.</summary>
    public long EstimatedBytes { get; private set; }

    public List<long> Fixed { get; } = [];

    public BinaryValues Binary { get; } = new();

    public List<int>? DefinitionLevels => _definitionLevels;

    public List<int>? RepetitionLevels => _repetitionLevels;

    public int ValueCount => Leaf.Physical == PhysicalType.ByteArray ? Binary.Count : Fixed.Count;

    public void Clear()
    {
        _definitionLevels?.Clear();
        _repetitionLevels?.Clear();
        Fixed.Clear();
        Binary.Clear();
        RowCount = 0;
        EntryCount = 0;
        EstimatedBytes = 0;
    }

    /// <summary>
    /// Says why <paramref name="value"/> cannot go into this column, or null when it can. The record
    /// API checks a whole row first so a bad value never leaves the columns with different row counts.
    /// </summary>
    public string? Check(object? value)
    {
        var field = Leaf.Field;
        if (value is null)
        {
            return field.IsNullable ? null : $"column '{field.Name}' is required (not nullable) but the value is null";
        }

        bool fits = field.Kind switch
        {
            ParquetValueKind.String => value is string,
            ParquetValueKind.Int32 => value is int,
            ParquetValueKind.Int64 => value is long or int,
            ParquetValueKind.Double => value is double or float or int,
            ParquetValueKind.Boolean => value is bool,
            ParquetValueKind.Timestamp => value is DateTimeOffset || value is DateTime { Kind: not DateTimeKind.Unspecified },
            ParquetValueKind.StringList => value is IEnumerable<string?> && value is not string,
            _ => false,
        };
        if (!fits)
        {
            return value is DateTime
                ? $"column '{field.Name}' got a DateTime with DateTimeKind.Unspecified; pass a UTC DateTime or a DateTimeOffset"
                : $"column '{field.Name}' ({field}) cannot take a value of type {value.GetType().Name}; pass a {field.ClrType.Name}";
        }

        if (field.Kind == ParquetValueKind.StringList && !field.ElementsNullable && HasNullElement((IEnumerable<string?>)value))
        {
            return $"column '{field.Name}' has required list elements but the list holds a null element";
        }

        return null;
    }

    /// <summary>Appends one row's value, converting from the .NET types the field accepts.</summary>
    public void AppendObject(object? value)
    {
        if (Check(value) is { } problem)
        {
            throw new ArgumentException($"Row {RowCount}: {problem}.");
        }

        AppendChecked(value);
    }

    /// <summary>
    /// <see cref="AppendObject"/> for a value that <see cref="Check"/> has accepted: the record API
    /// checks a whole row before appending any of it, and checking again cost a second type test per value.
    /// </summary>
    public void AppendChecked(object? value)
    {
        var field = Leaf.Field;
        if (value is null)
        {
            AppendNull();
            return;
        }

        switch (field.Kind)
        {
            case ParquetValueKind.String when value is string s:
                AppendString(s);
                break;
            case ParquetValueKind.Int32 when value is int i:
                AppendFixed(i, 4);
                break;
            case ParquetValueKind.Int64 when value is long or int:
                AppendFixed(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), 8);
                break;
            case ParquetValueKind.Double when value is double or float or int:
                AppendFixed(BitConverter.DoubleToInt64Bits(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)), 8);
                break;
            case ParquetValueKind.Boolean when value is bool b:
                AppendFixed(b ? 1 : 0, 1);
                break;
            case ParquetValueKind.Timestamp when value is DateTimeOffset dto:
                AppendTimestamp(dto);
                break;
            case ParquetValueKind.Timestamp when value is DateTime dt:
                AppendTimestamp(ToUtcInstant(dt));
                break;
            case ParquetValueKind.StringList when value is IEnumerable<string?> list:
                AppendList(list);
                break;
            default:
                throw new InvalidOperationException($"Column '{field.Name}': Check accepted a {value.GetType().Name} that AppendObject cannot store.");
        }
    }

    /// <summary>Appends a whole array of the field's .NET type (the low-level column API).</summary>
    public void AppendColumn(Array data)
    {
        switch (data)
        {
            case int[] ints when Leaf.Field.Kind == ParquetValueKind.Int32:
                foreach (int v in ints)
                {
                    AppendFixed(v, 4);
                }

                break;
            case long[] longs when Leaf.Field.Kind == ParquetValueKind.Int64:
                foreach (long v in longs)
                {
                    AppendFixed(v, 8);
                }

                break;
            case double[] doubles when Leaf.Field.Kind == ParquetValueKind.Double:
                foreach (double v in doubles)
                {
                    AppendFixed(BitConverter.DoubleToInt64Bits(v), 8);
                }

                break;
            case string?[] strings when Leaf.Field.Kind == ParquetValueKind.String:
                foreach (string? v in strings)
                {
                    if (v is not null)
                    {
                        AppendString(v);
                    }
                    else
                    {
                        AppendChecked(null);
                    }
                }

                break;
            default:
                foreach (object? v in data)
                {
                    AppendObject(v);
                }

                break;
        }
    }

    private void AppendNull()
    {
        AddLevels(0, 0);
        RowCount++;
    }

    private void AppendString(string value)
    {
        AddLevels(0, Leaf.MaxDefinitionLevel);
        EstimatedBytes += 4 + Binary.Add(value);
        RowCount++;
    }

    private void AppendFixed(long bits, int width)
    {
        AddLevels(0, Leaf.MaxDefinitionLevel);
        Fixed.Add(bits);
        EstimatedBytes += width;
        RowCount++;
    }

    private void AppendTimestamp(DateTimeOffset value) => AppendFixed(value.ToUnixTimeMilliseconds(), 8);

    private void AppendList(IEnumerable<string?> list)
    {
        // Shredding per the 3-level LIST rules: an empty list is one entry at the "list present"
        // level; each element starts a new entry at repetition 1 (0 for the row's first).
        int present = Leaf.EmptyListLevel;
        int repetition = 0;
        if (list is IReadOnlyList<string?> indexed)
        {
            // Indexing a list or array avoids allocating an enumerator per row.
            for (int i = 0; i < indexed.Count; i++)
            {
                AppendElement(indexed[i], repetition, present);
                repetition = 1;
            }
        }
        else
        {
            foreach (string? element in list)
            {
                AppendElement(element, repetition, present);
                repetition = 1;
            }
        }

        if (repetition == 0)
        {
            AddLevels(0, present);
        }

        RowCount++;
    }

    private void AppendElement(string? element, int repetition, int present)
    {
        if (element is null)
        {
            AddLevels(repetition, present + 1);
        }
        else
        {
            AddLevels(repetition, Leaf.MaxDefinitionLevel);
            EstimatedBytes += 4 + Binary.Add(element);
        }
    }

    private static bool HasNullElement(IEnumerable<string?> list)
    {
        if (list is IReadOnlyList<string?> indexed)
        {
            for (int i = 0; i < indexed.Count; i++)
            {
                if (indexed[i] is null)
                {
                    return true;
                }
            }

            return false;
        }

        return list.Any(e => e is null);
    }

    private void AddLevels(int repetition, int definition)
    {
        _repetitionLevels?.Add(repetition);
        _definitionLevels?.Add(definition);
        EntryCount++;

        // Levels cost well under a byte each once encoded; count them so list-heavy data still rolls over.
        EstimatedBytes += (_definitionLevels is null ? 0 : 1) + (_repetitionLevels is null ? 0 : 1);
    }

    // Check rejects DateTimeKind.Unspecified: it could be any zone, and guessing would shift instants silently.
    private static DateTimeOffset ToUtcInstant(DateTime value) => new(value.ToUniversalTime());
}
