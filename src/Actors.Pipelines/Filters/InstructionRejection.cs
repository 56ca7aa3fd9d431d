namespace Actors.Pipelines.Filters;

/// <summary>Why an instruction was rejected; <see cref="InstructionVerdict.CountKey"/> names it in counts and logs.</summary>
public enum InstructionRejection
{
    /// <summary>Fewer words than the minimum (<c>too_short</c>).</summary>
    TooShort,

    /// <summary>More words than the maximum (<c>too_long</c>).</summary>
    TooLong,

    /// <summary>Holds a blacklisted keyword as a whole word (<c>blacklist:WORD</c>).</summary>
    Blacklisted,

    /// <summary>Starts with a rejected prefix such as "Write a program" (<c>prefix:PREFIX</c>).</summary>
    RejectedPrefix,

    /// <summary>Starts with ASCII punctuation (<c>leading_punctuation</c>).</summary>
    LeadingPunctuation,

    /// <summary>Starts with a non-ASCII character (<c>non_ascii_start</c>).</summary>
    NonAsciiStart,

    /// <summary>ROUGE-L above the threshold against a pooled instruction (<c>too_similar</c>).</summary>
    TooSimilar,
}
