namespace Actors.Parquet;

/// <summary>Compression applied to every page the writer produces.</summary>
public enum ParquetCodec
{
    /// <summary>No compression (<c>UNCOMPRESSED</c>).</summary>
    None = 0,

    /// <summary>Snappy raw blocks (<c>SNAPPY</c>): fast, the usual default.</summary>
    Snappy = 1,

    /// <summary>Gzip members (<c>GZIP</c>): smaller files, slower to write.</summary>
    Gzip = 2,
}
