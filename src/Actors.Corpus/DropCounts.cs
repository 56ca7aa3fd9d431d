namespace Actors.Corpus;

/// <summary>Running counts of a <see cref="SegmentCleaner"/>: segments kept, dropped per reason, boilerplate lines removed.</summary>
/// <remarks>Read it from the cleaner's owner; it is updated without locks, like the cleaner.</remarks>
public sealed class DropCounts
{
    private readonly long[] _dropped = new long[Enum.GetValues<DropReason>().Length];

    /// <summary>Segments kept.</summary>
    public long Kept { get; private set; }

    /// <summary>Segments dropped, all reasons.</summary>
    public long Dropped => _dropped.Sum();

    /// <summary>Segments decided.</summary>
    public long Total => Kept + Dropped;

    /// <summary>
    /// Boilerplate lines (cookie banners, menus, copyright lines...) removed from segments that were not dropped as
    /// boilerplate; a segment may still be dropped later for another reason.
    /// </summary>
    public long BoilerplateLinesRemoved { get; private set; }

    /// <summary>Segments dropped for <paramref name="reason"/>.</summary>
    /// <param name="reason">The reason.</param>
    public long this[DropReason reason] => _dropped[(int)reason];

    /// <summary>The dropped counts by reason, every reason listed.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyDictionary<DropReason, long> ToDictionary() => Enum.GetValues<DropReason>().ToDictionary(r => r, r => _dropped[(int)r]);

    /// <summary>A one-line summary, e.g. <c>kept=10 boilerplate=2 too-short=5 ...</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() =>
        $"kept={Kept} " + string.Join(' ', Enum.GetValues<DropReason>().Select(r => $"{Kebab(r)}={_dropped[(int)r]}")) + $" lines-removed={BoilerplateLinesRemoved}";

    internal void CountKept() => Kept++;

    internal void CountDropped(DropReason reason) => _dropped[(int)reason]++;

    internal void CountLinesRemoved(int lines) => BoilerplateLinesRemoved += lines;

    private static string Kebab(DropReason reason) => reason switch
    {
        DropReason.TooShort => "too-short",
        DropReason.TooLong => "too-long",
        DropReason.ExactDuplicate => "exact-duplicate",
        DropReason.NearDuplicate => "near-duplicate",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
