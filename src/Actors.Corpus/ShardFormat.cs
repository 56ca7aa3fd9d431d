namespace Actors.Corpus;

/// <summary>How the records of a shard are framed, after any decompression.</summary>
public enum ShardFormat
{
    /// <summary>
    /// JSON Lines (<c>.jsonl</c>, <c>.ndjson</c>, and <c>.json</c> as C4 names its JSON Lines files): one object per
    /// line, split on '\n' only, the text in a configurable field, every other field kept as metadata.
    /// </summary>
    Jsonl,

    /// <summary>
    /// WARC (<c>.warc</c>): HTML <c>response</c> records become documents (HTML converted to text, headings kept as
    /// markdown <c>#</c> lines); other records are skipped and still take an ordinal.
    /// </summary>
    Warc,

    /// <summary>
    /// Common Crawl WET (<c>.wet</c>, <c>.warc.wet</c>): <c>conversion</c> records hold the page text; other records
    /// are skipped. Read by the same WARC framing as <see cref="Warc"/>.
    /// </summary>
    Wet,

    /// <summary>A plain text or markdown file (<c>.txt</c>, <c>.md</c>, <c>.markdown</c>): the whole file is one document.</summary>
    Text,
}
