namespace Actors.Parquet.Reading;

/// <summary>
/// One column chunk after page decoding: levels per entry (null when the column has none) and the
/// non-null values in order, either as 64-bit patterns or as strings.
/// </summary>
internal sealed class DecodedColumn
{
    public DecodedColumn(int entryCount, bool hasDefinition, bool hasRepetition, bool isBinary)
    {
        DefinitionLevels = hasDefinition ? new int[entryCount] : null;
        RepetitionLevels = hasRepetition ? new int[entryCount] : null;
        Fixed = isBinary ? [] : new long[entryCount];
        Strings = isBinary ? new string[entryCount] : [];
    }

    public int[]? DefinitionLevels { get; }

    public int[]? RepetitionLevels { get; }

    public long[] Fixed { get; }

    public string[] Strings { get; }

    /// <summary>Level entries decoded so far.</summary>
    public int EntryCount { get; set; }

    /// <summary>Non-null values decoded so far.</summary>
    public int ValueCount { get; set; }
}
