using Actors.Parquet.Format;

namespace Actors.Parquet.Reading;

/// <summary>Turns decoded levels and values back into one .NET value per row (the inverse of shredding).</summary>
internal static class ColumnAssembler
{
    public static Array Assemble(DecodedColumn column, LeafColumn leaf, long rowCount, string where)
    {
        var field = leaf.Field;
        if (field.Kind == ParquetValueKind.StringList)
        {
            return AssembleLists(column, leaf, rowCount, where);
        }

        if (column.EntryCount != rowCount)
        {
            throw new ParquetFormatException($"{where} has {column.EntryCount} values but the row group has {rowCount} rows.");
        }

        long[] raw = column.Fixed;
        return field.Kind switch
        {
            ParquetValueKind.String => AssembleStrings(column),
            ParquetValueKind.Int32 => Flat(column, field.IsNullable, i => (int)raw[i]),
            ParquetValueKind.Int64 => Flat(column, field.IsNullable, i => raw[i]),
            ParquetValueKind.Double => Flat(column, field.IsNullable, i => BitConverter.Int64BitsToDouble(raw[i])),
            ParquetValueKind.Boolean => Flat(column, field.IsNullable, i => raw[i] != 0),
            _ => Flat(column, field.IsNullable, i => ToInstant(raw[i], field.TimestampUnit, where)),
        };
    }

    public static DateTimeOffset ToInstant(long value, TimestampUnit unit, string where)
    {
        try
        {
            return unit switch
            {
                TimestampUnit.Millis => DateTimeOffset.FromUnixTimeMilliseconds(value),
                TimestampUnit.Micros => DateTimeOffset.UnixEpoch.AddTicks(checked(value * 10)),

                // .NET ticks are 100 ns: nanosecond timestamps lose their last two digits.
                _ => DateTimeOffset.UnixEpoch.AddTicks(value / 100),
            };
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw new ParquetFormatException($"{where}: timestamp {value} ({unit}) is outside the range .NET can represent (years 1 to 9999).", e);
        }
    }

    private static string?[] AssembleStrings(DecodedColumn column)
    {
        var rows = new string?[column.EntryCount];
        var definition = column.DefinitionLevels;
        int value = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = definition is null || definition[i] == 1 ? column.Strings[value++] : null;
        }

        return rows;
    }

    private static Array Flat<T>(DecodedColumn column, bool nullable, Func<int, T> valueAt)
        where T : struct
    {
        int count = column.EntryCount;
        if (!nullable)
        {
            var values = new T[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = valueAt(i);
            }

            return values;
        }

        var rows = new T?[count];
        var definition = column.DefinitionLevels!;
        int value = 0;
        for (int i = 0; i < count; i++)
        {
            rows[i] = definition[i] == 1 ? valueAt(value++) : null;
        }

        return rows;
    }

    private static IReadOnlyList<string?>?[] AssembleLists(DecodedColumn column, LeafColumn leaf, long rowCount, string where)
    {
        var rows = new IReadOnlyList<string?>?[rowCount];
        var definition = column.DefinitionLevels!;
        var repetition = column.RepetitionLevels!;
        int present = leaf.EmptyListLevel;
        int maxDef = leaf.MaxDefinitionLevel;
        int row = -1, value = 0;
        List<string?>? current = null;
        for (int i = 0; i < column.EntryCount; i++)
        {
            if (repetition[i] == 0)
            {
                Store(rows, row, current);
                row++;
                if (row >= rowCount)
                {
                    throw new ParquetFormatException($"{where} holds more list rows than the row group's {rowCount}.");
                }

                current = definition[i] < present ? null : [];
            }

            int d = definition[i];
            if (d == maxDef)
            {
                current!.Add(column.Strings[value++]);
            }
            else if (d > present)
            {
                current!.Add(null);
            }
        }

        Store(rows, row, current);
        if (row + 1 != rowCount)
        {
            throw new ParquetFormatException($"{where} holds {row + 1} list rows but the row group has {rowCount}.");
        }

        return rows;
    }

    private static void Store(IReadOnlyList<string?>?[] rows, int row, List<string?>? list)
    {
        if (row >= 0)
        {
            rows[row] = list?.ToArray();
        }
    }
}
