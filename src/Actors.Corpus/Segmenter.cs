using Actors.Corpus.Segmentation;

namespace Actors.Corpus;

/// <summary>
/// Splits documents into segments, Humpback style: the text under a heading (markdown <c>#</c> lines, which is how
/// HTML headings come out of the WARC reader) with its sub-sections when the whole fits in
/// <see cref="SegmentSettings.MaxChars"/>; otherwise the heading's own text and then each sub-section on its own.
/// </summary>
/// <remarks>
/// Text that is too long is split at blank lines, then line breaks, then sentence ends, then spaces (inside a word
/// only as a last resort), and the pieces are packed back together into segments of similar length, so short
/// neighbouring paragraphs under one heading share a segment. Segments never cross a heading and are never longer
/// than <see cref="SegmentSettings.MaxChars"/>; nothing but whitespace between segments and the '#' lines of
/// headings is lost. Segments may be shorter than <see cref="SegmentSettings.MinChars"/>:
/// <see cref="SegmentCleaner"/> drops those (and counts them). Stateless and thread-safe.
/// </remarks>
public sealed class Segmenter
{
    private readonly SegmentSettings _settings;

    /// <summary>Creates a segmenter.</summary>
    /// <param name="settings">Length bounds.</param>
    /// <exception cref="ArgumentException">The bounds are inconsistent.</exception>
    public Segmenter(SegmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    /// <summary>Splits a document.</summary>
    /// <param name="document">The document.</param>
    /// <returns>Its segments in document order (none for an empty document).</returns>
    public IReadOnlyList<Segment> Split(CorpusDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Split(document.Shard, document.Ordinal, document.Text);
    }

    /// <summary>Splits a text.</summary>
    /// <param name="shard">The shard the text comes from.</param>
    /// <param name="ordinal">The record's ordinal.</param>
    /// <param name="text">The document text.</param>
    /// <returns>Its segments in order.</returns>
    public IReadOnlyList<Segment> Split(ShardId shard, long ordinal, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('\r', StringComparison.Ordinal))
        {
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        var pieces = new List<(int Start, int End, string? Heading)>();
        new SectionSplitter(text, _settings.MinChars, _settings.MaxChars, pieces).Run();
        var segments = new Segment[pieces.Count];
        for (var i = 0; i < pieces.Count; i++)
        {
            var (start, end, heading) = pieces[i];
            segments[i] = new Segment(shard, ordinal, i, text[start..end], heading);
        }

        return segments;
    }
}
