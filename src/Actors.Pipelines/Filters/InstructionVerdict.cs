namespace Actors.Pipelines.Filters;

/// <summary>The outcome of the instruction filters for one instruction.</summary>
/// <param name="Rejection">Why it was rejected; null when it passed.</param>
/// <param name="Detail">The keyword or prefix that matched, for the reasons that have one.</param>
public readonly record struct InstructionVerdict(InstructionRejection? Rejection, string? Detail = null)
{
    /// <summary>A verdict for an instruction that passed every filter.</summary>
    public static InstructionVerdict Passed => default;

    /// <summary>True when the instruction passed.</summary>
    public bool IsPassed => Rejection is null;

    /// <summary>
    /// Name of the reason as counted: <c>too_short</c>, <c>too_long</c>, <c>blacklist:image</c>,
    /// <c>prefix:Write a program</c>, <c>leading_punctuation</c>, <c>non_ascii_start</c>, <c>too_similar</c>;
    /// <c>passed</c> when it passed.
    /// </summary>
    public string CountKey => Rejection switch
    {
        null => "passed",
        InstructionRejection.TooShort => "too_short",
        InstructionRejection.TooLong => "too_long",
        InstructionRejection.Blacklisted => $"blacklist:{Detail}",
        InstructionRejection.RejectedPrefix => $"prefix:{Detail}",
        InstructionRejection.LeadingPunctuation => "leading_punctuation",
        InstructionRejection.NonAsciiStart => "non_ascii_start",
        InstructionRejection.TooSimilar => "too_similar",
        _ => Rejection.Value.ToString(),
    };
}
