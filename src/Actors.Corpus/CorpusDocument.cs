namespace Actors.Corpus;

/// <summary>A well-formed record: the text of one document with what else the record said about it.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Ordinal">Position of the record in the shard, from 0.</param>
/// <param name="Text">The document text; HTML was converted to text with headings as markdown <c>#</c> lines.</param>
/// <param name="Metadata">
/// JSON Lines: every field except the text field (strings as their value, other values as JSON text, JSON null as
/// null). WARC and WET: <c>warc_type</c>, <c>warc_record_id</c>, <c>warc_date</c>, <c>content_type</c>, and
/// <c>language</c> and <c>title</c> where present.
/// </param>
/// <param name="ByteOffset">
/// Where the record starts: a byte offset in the file, or in the decompressed stream for a compressed shard.
/// </param>
/// <param name="Url">The page URL when the record has one (WARC-Target-URI without angle brackets, or the URL field).</param>
public sealed record CorpusDocument(
    ShardId Shard,
    long Ordinal,
    string Text,
    IReadOnlyDictionary<string, string?> Metadata,
    long ByteOffset,
    string? Url) : ShardRecord(Shard, Ordinal);
