namespace Actors.Corpus.Reading;

/// <summary>Outcome of one <see cref="ByteReader"/> read.</summary>
internal enum ChunkStatus
{
    /// <summary>A whole line or block.</summary>
    Ok,

    /// <summary>A line longer than the limit; it was skipped, only its first bytes are kept.</summary>
    TooLong,

    /// <summary>A block cut short by the end of the stream.</summary>
    Truncated,

    /// <summary>Nothing left.</summary>
    End,
}
