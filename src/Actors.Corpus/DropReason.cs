namespace Actors.Corpus;

/// <summary>Why <see cref="SegmentCleaner"/> dropped a segment; checked in this order.</summary>
public enum DropReason
{
    /// <summary>Boilerplate: a navigation or all-capitals heading, or mostly cookie banners, menus, copyright lines and the like.</summary>
    Boilerplate,

    /// <summary>Shorter than <see cref="SegmentSettings.MinChars"/> (after boilerplate lines were removed).</summary>
    TooShort,

    /// <summary>Longer than <see cref="SegmentSettings.MaxChars"/> (the segmenter never makes one; a guard for segments from elsewhere).</summary>
    TooLong,

    /// <summary>Too many repeated word n-grams (<see cref="CleaningSettings.MaxRepetitionRatio"/>).</summary>
    Repetitive,

    /// <summary>Not in the target language (<see cref="CleaningSettings.Language"/>).</summary>
    Language,

    /// <summary>Same normalised text (case, punctuation and spacing ignored) as a segment kept before.</summary>
    ExactDuplicate,

    /// <summary>Estimated Jaccard similarity with a segment kept before at or above the MinHash threshold.</summary>
    NearDuplicate,
}
