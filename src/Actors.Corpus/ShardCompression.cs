namespace Actors.Corpus;

/// <summary>How a shard's bytes are compressed on disk.</summary>
public enum ShardCompression
{
    /// <summary>Stored as is.</summary>
    None,

    /// <summary>
    /// Gzip (<c>.gz</c>), one member or several concatenated (one per WARC record is usual). A stream that ends
    /// early or does not match its trailer is reported as one quarantine entry after the records before it.
    /// </summary>
    Gzip,
}
