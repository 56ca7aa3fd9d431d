namespace Actors.Parquet.Jsonl;

/// <summary>The JSON shape of one value, as schema inference sees it.</summary>
internal enum JsonlColumnKind
{
    String,
    Integer,
    Double,
    Boolean,
    StringArray,
    Other,
}
