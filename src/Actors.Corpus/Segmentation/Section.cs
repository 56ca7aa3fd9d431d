namespace Actors.Corpus.Segmentation;

/// <summary>A heading and the text under it, with the sections of lower-level headings inside it.</summary>
internal sealed class Section(int level, string? heading, int contentStart)
{
    public int Level { get; } = level;

    public string? Heading { get; } = heading;

    /// <summary>First character after the heading line.</summary>
    public int ContentStart { get; } = contentStart;

    /// <summary>End of the section (the next heading of the same or a higher level, or the end of the text).</summary>
    public int End { get; set; } = -1;

    /// <summary>End of the section's own text: the first sub-section's heading line, or <see cref="End"/>.</summary>
    public int OwnEnd { get; set; } = -1;

    public List<Section> Children { get; } = [];
}
