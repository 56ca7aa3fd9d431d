namespace Actors.Corpus.Reading;

/// <summary>What an HTTP response record turned out to hold.</summary>
internal enum PayloadKind
{
    /// <summary>Text for a document.</summary>
    Document,

    /// <summary>Well-formed but not a document (an image, an error page).</summary>
    Skip,

    /// <summary>Damaged: quarantine it.</summary>
    Malformed,
}
