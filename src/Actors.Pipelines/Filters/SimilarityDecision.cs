namespace Actors.Pipelines.Filters;

/// <summary>What the <see cref="SimilarityGate"/> decided for one candidate.</summary>
public sealed record SimilarityDecision
{
    /// <summary>True when no pooled text scored above the threshold; the candidate is now in the pool.</summary>
    public required bool Accepted { get; init; }

    /// <summary>The candidate's position in the pool when accepted; -1 when rejected.</summary>
    public int PoolIndex { get; init; } = -1;

    /// <summary>
    /// When rejected: a pooled text that scores above the threshold (the first one found, which is not
    /// necessarily the highest unless <see cref="SimilarityGateOptions.RecordMostSimilar"/> is on).
    /// </summary>
    public SimilarMatch? Match { get; init; }

    /// <summary>
    /// With <see cref="SimilarityGateOptions.RecordMostSimilar"/>: the most similar pooled texts, highest
    /// score first (ties by pool position); otherwise empty.
    /// </summary>
    public IReadOnlyList<SimilarMatch> MostSimilar { get; init; } = [];

    /// <summary>
    /// With <see cref="SimilarityGateOptions.RecordMostSimilar"/>: the mean score against every pooled text
    /// (null when the pool was empty); otherwise null.
    /// </summary>
    public double? MeanSimilarity { get; init; }
}
