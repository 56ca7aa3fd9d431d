namespace Actors.Parquet;

/// <summary>What the footer says about one column chunk.</summary>
/// <param name="Path">Dotted path of the leaf, e.g. <c>tags.list.element</c>.</param>
/// <param name="PhysicalType">Physical type name, e.g. <c>BYTE_ARRAY</c>.</param>
/// <param name="Codec">Codec name, e.g. <c>SNAPPY</c>.</param>
/// <param name="Encodings">Encodings the chunk uses, e.g. <c>PLAIN</c>, <c>RLE_DICTIONARY</c>.</param>
/// <param name="ValueCount">Level entries, nulls and empty lists included.</param>
/// <param name="CompressedSize">Bytes the chunk occupies in the file, page headers included.</param>
/// <param name="UncompressedSize">Bytes before compression, page headers included.</param>
/// <param name="NullCount">Entries below the maximum definition level, when statistics say so.</param>
/// <param name="HasDictionary">Whether the chunk starts with a dictionary page.</param>
public sealed record ParquetColumnChunkInfo(
    string Path,
    string PhysicalType,
    string Codec,
    IReadOnlyList<string> Encodings,
    long ValueCount,
    long CompressedSize,
    long UncompressedSize,
    long? NullCount,
    bool HasDictionary);
