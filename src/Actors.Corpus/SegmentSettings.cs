namespace Actors.Corpus;

/// <summary>
/// Segment length bounds: the <c>actors.backtranslation.segment</c> section of the configuration. The defaults equal
/// those in <c>hocon/reference.conf</c> (a test binds one to the other) and follow the Humpback paper (600 to 3,000
/// characters).
/// </summary>
public sealed record SegmentSettings
{
    /// <summary>Shortest segment kept, in characters (UTF-16 code units); default 600 (<c>min-chars</c>).</summary>
    public int MinChars { get; init; } = 600;

    /// <summary>
    /// Longest segment, in characters (UTF-16 code units); default 3000 (<c>max-chars</c>). The segmenter never
    /// produces a longer one: it splits at paragraphs, lines, sentences, words, and as a last resort inside a word.
    /// </summary>
    public int MaxChars { get; init; } = 3000;

    /// <summary>Throws when the bounds are out of range, naming them.</summary>
    /// <exception cref="ArgumentException">The bounds are inconsistent.</exception>
    public void Validate()
    {
        if (MinChars < 0)
        {
            throw new ArgumentException($"SegmentSettings.MinChars (segment.min-chars) is {MinChars}; it must be 0 or more.");
        }

        if (MaxChars < 16 || MaxChars < MinChars)
        {
            throw new ArgumentException($"SegmentSettings.MaxChars (segment.max-chars) is {MaxChars}; it must be at least 16 and at least min-chars ({MinChars}).");
        }
    }
}
