namespace Actors.Parquet.Reading;

/// <summary>The decoded entries of a chunk's dictionary page.</summary>
internal sealed record ColumnDictionaryValues(long[]? Fixed, string[]? Strings)
{
    public int Count => Strings?.Length ?? Fixed!.Length;
}
