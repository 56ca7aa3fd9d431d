namespace Actors.Corpus;

/// <summary>The outcome of <see cref="SegmentCleaner.Decide"/> for one segment.</summary>
public sealed record CleaningDecision
{
    private CleaningDecision(Segment segment, DropReason? reason, DedupEntry? dedup)
    {
        Segment = segment;
        Reason = reason;
        Dedup = dedup;
    }

    /// <summary>Whether the segment is kept.</summary>
    public bool IsKept => Reason is null;

    /// <summary>Why it was dropped; null when kept.</summary>
    public DropReason? Reason { get; }

    /// <summary>The segment: as kept (boilerplate lines removed, when any were), or as given when dropped.</summary>
    public Segment Segment { get; }

    /// <summary>For a kept segment, what it added to the dedup indexes (persist it to resume); null when dropped.</summary>
    public DedupEntry? Dedup { get; }

    internal static CleaningDecision Keep(Segment segment, DedupEntry dedup) => new(segment, null, dedup);

    internal static CleaningDecision Drop(Segment segment, DropReason reason) => new(segment, reason, null);
}
