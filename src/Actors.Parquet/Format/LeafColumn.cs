namespace Actors.Parquet.Format;

/// <summary>A top-level field resolved to its single data-holding leaf and its level bounds.</summary>
internal sealed record LeafColumn(ParquetField Field, PhysicalType Physical, IReadOnlyList<string> Path, int MaxDefinitionLevel, int MaxRepetitionLevel)
{
    /// <summary>For lists: definition level of an empty (present) list.</summary>
    public int EmptyListLevel => Field.IsNullable ? 1 : 0;
}
