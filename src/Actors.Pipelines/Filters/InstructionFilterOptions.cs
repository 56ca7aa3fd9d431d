namespace Actors.Pipelines.Filters;

/// <summary>Settings of the <see cref="InstructionFilter"/>; the defaults are the Self-Instruct reference values.</summary>
public sealed record InstructionFilterOptions
{
    /// <summary>Fewest whitespace-separated words, inclusive; default 4.</summary>
    public int MinWords { get; init; } = 4;

    /// <summary>Most words, inclusive; default 150.</summary>
    public int MaxWords { get; init; } = 150;

    /// <summary>Whole words (case-insensitive) that reject an instruction; default the reference's 13 entries.</summary>
    public IReadOnlyList<string> KeywordBlacklist { get; init; } =
        ["image", "images", "graph", "graphs", "picture", "pictures", "file", "files", "map", "maps", "draw", "plot", "go to"];

    /// <summary>Case-sensitive prefixes that reject an instruction; default "Write a program".</summary>
    public IReadOnlyList<string> RejectedPrefixes { get; init; } = ["Write a program"];

    /// <summary>Reject instructions whose first character is ASCII punctuation; default true.</summary>
    public bool RejectLeadingPunctuation { get; init; } = true;

    /// <summary>Reject instructions whose first character is not ASCII; default true.</summary>
    public bool RejectNonAsciiStart { get; init; } = true;
}
