using System.Text.Json.Serialization;

namespace Actors.Metrics.Dashboard;

/// <summary>
/// Recipe quality signals, from any non-engine family: counters whose name says accepted; dropped, rejected or
/// discarded (split by their <c>reason</c> label); similarity rejections; parse failures or errors; and a
/// histogram whose name says score.
/// </summary>
public sealed record QualityStatus
{
    /// <summary>Candidates accepted.</summary>
    public double Accepted { get; init; }

    /// <summary>Candidates dropped, all reasons.</summary>
    public double Dropped { get; init; }

    /// <summary>Accepted / (accepted + dropped); null before any decision.</summary>
    public double? AcceptanceRate { get; init; }

    /// <summary>Candidates accepted per second over the window.</summary>
    public double? AcceptedPerSecond { get; init; }

    /// <summary>Drops by reason, largest first.</summary>
    public IReadOnlyList<CountByName> DropsByReason { get; init; } = [];

    /// <summary>Rejections by the similarity gate.</summary>
    public double SimilarityRejections { get; init; }

    /// <summary>Generations that could not be parsed.</summary>
    public double ParseFailures { get; init; }

    /// <summary>Score distribution: count per bucket (not cumulative), by upper bound; the last has bound +Inf.</summary>
    public IReadOnlyList<ScoreBucket> Scores { get; init; } = [];

    /// <summary>Mean score; null without scores.</summary>
    public double? MeanScore { get; init; }

    /// <summary>Whether any quality signal was found.</summary>
    [JsonIgnore]
    public bool IsEmpty => Accepted == 0 && Dropped == 0 && SimilarityRejections == 0 && ParseFailures == 0 && Scores.Count == 0;
}
