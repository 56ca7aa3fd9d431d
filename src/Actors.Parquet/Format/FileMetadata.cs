using Actors.Parquet.Thrift;

namespace Actors.Parquet.Format;

/// <summary>parquet.thrift <c>FileMetaData</c>: the footer.</summary>
internal sealed class FileMetadata
{
    public int Version { get; init; } = 1;

    public required IReadOnlyList<SchemaElement> Schema { get; init; }

    public long NumRows { get; init; }

    public required IReadOnlyList<RowGroupMetadata> RowGroups { get; init; }

    public IReadOnlyList<KeyValueEntry> KeyValues { get; init; } = [];

    public string? CreatedBy { get; init; }

    /// <summary>Number of TYPE_ORDER column orders to write (one per leaf), or 0 for none.</summary>
    public int ColumnOrderCount { get; init; }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.I32Field(1, Version);
        w.ListField(2, ThriftType.Struct, Schema.Count);
        foreach (var element in Schema)
        {
            element.Write(w);
        }

        w.I64Field(3, NumRows);
        w.ListField(4, ThriftType.Struct, RowGroups.Count);
        foreach (var rowGroup in RowGroups)
        {
            rowGroup.Write(w);
        }

        if (KeyValues.Count > 0)
        {
            w.ListField(5, ThriftType.Struct, KeyValues.Count);
            foreach (var entry in KeyValues)
            {
                w.BeginStruct();
                w.StringField(1, entry.Key);
                if (entry.Value is not null)
                {
                    w.StringField(2, entry.Value);
                }

                w.EndStruct();
            }
        }

        if (CreatedBy is not null)
        {
            w.StringField(6, CreatedBy);
        }

        if (ColumnOrderCount > 0)
        {
            w.ListField(7, ThriftType.Struct, ColumnOrderCount);
            for (int i = 0; i < ColumnOrderCount; i++)
            {
                // ColumnOrder union with TYPE_ORDER (field 1), an empty struct.
                w.BeginStruct();
                w.StructField(1);
                w.EndStruct();
                w.EndStruct();
            }
        }

        w.EndStruct();
    }

    public static FileMetadata Read(ThriftCompactReader r)
    {
        int version = 0;
        long numRows = 0;
        string? createdBy = null;
        var schema = new List<SchemaElement>();
        var rowGroups = new List<RowGroupMetadata>();
        var keyValues = new List<KeyValueEntry>();
        r.BeginStruct();
        while (r.NextField(out short id, out var wire))
        {
            switch (id)
            {
                case 1 when wire == ThriftType.I32: version = r.ReadI32(); break;
                case 2 when wire == ThriftType.List:
                    var (_, schemaCount) = r.ReadListHeader();
                    for (int i = 0; i < schemaCount; i++)
                    {
                        schema.Add(SchemaElement.Read(r));
                    }

                    break;
                case 3 when wire == ThriftType.I64: numRows = r.ReadI64(); break;
                case 4 when wire == ThriftType.List:
                    var (_, groupCount) = r.ReadListHeader();
                    for (int i = 0; i < groupCount; i++)
                    {
                        rowGroups.Add(RowGroupMetadata.Read(r));
                    }

                    break;
                case 5 when wire == ThriftType.List:
                    var (_, kvCount) = r.ReadListHeader();
                    for (int i = 0; i < kvCount; i++)
                    {
                        keyValues.Add(ReadKeyValue(r));
                    }

                    break;
                case 6 when wire == ThriftType.Binary: createdBy = r.ReadString(); break;
                default: r.Skip(wire); break;
            }
        }

        r.EndStruct();
        return new FileMetadata
        {
            Version = version,
            Schema = schema,
            NumRows = numRows,
            RowGroups = rowGroups,
            KeyValues = keyValues,
            CreatedBy = createdBy,
        };
    }

    private static KeyValueEntry ReadKeyValue(ThriftCompactReader r)
    {
        string key = "";
        string? value = null;
        r.BeginStruct();
        while (r.NextField(out short id, out var wire))
        {
            if (id == 1 && wire == ThriftType.Binary)
            {
                key = r.ReadString();
            }
            else if (id == 2 && wire == ThriftType.Binary)
            {
                value = r.ReadString();
            }
            else
            {
                r.Skip(wire);
            }
        }

        r.EndStruct();
        return new KeyValueEntry(key, value);
    }
}
