namespace Actors.Corpus;

/// <summary>
/// How shards are read: the <c>actors.backtranslation.corpus</c> section of the configuration. The defaults equal
/// those in <c>hocon/reference.conf</c> (a test binds one to the other).
/// </summary>
public sealed record CorpusOptions
{
    /// <summary>JSON Lines field that holds the document text; default <c>"text"</c> (<c>text-field</c>).</summary>
    public string TextField { get; init; } = "text";

    /// <summary>
    /// JSON Lines field that holds the page URL, copied to <see cref="CorpusDocument.Url"/> when it is a string;
    /// default <c>"url"</c> (<c>url-field</c>). It also stays in the metadata.
    /// </summary>
    public string UrlField { get; init; } = "url";

    /// <summary>
    /// Largest record read, in bytes: a JSON line, a WARC record block, or a whole text file. A larger record is
    /// quarantined and skipped without being buffered, so a reader holds at most about this much at a time.
    /// Default 16 MiB (<c>max-record-size</c>).
    /// </summary>
    public int MaxRecordSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(TextField))
        {
            throw new ArgumentException("CorpusOptions.TextField (text-field) is empty; name the JSON field that holds the text, e.g. \"text\".");
        }

        if (UrlField is null)
        {
            throw new ArgumentException("CorpusOptions.UrlField (url-field) is null; give a field name, or \"\" for none.");
        }

        if (MaxRecordSize < 1024)
        {
            throw new ArgumentException($"CorpusOptions.MaxRecordSize (max-record-size) is {MaxRecordSize} bytes; it must be at least 1 KiB.");
        }
    }
}
