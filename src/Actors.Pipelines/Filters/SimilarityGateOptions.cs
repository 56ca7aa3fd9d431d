namespace Actors.Pipelines.Filters;

/// <summary>Settings of a <see cref="SimilarityGate"/>; the defaults are the Self-Instruct reference values.</summary>
public sealed record SimilarityGateOptions
{
    /// <summary>A candidate scoring strictly above this against any pooled text is rejected; default 0.7.</summary>
    public double Threshold { get; init; } = 0.7;

    /// <summary>
    /// Also compute, for every candidate, its most similar pooled texts and its mean similarity to the
    /// whole pool (the reference scripts' <c>most_similar</c> and <c>avg_similarity_score</c>). Off by default:
    /// it scores every pair, so its cost grows with the square of the pool.
    /// </summary>
    public bool RecordMostSimilar { get; init; }

    /// <summary>How many most similar pooled texts to record when <see cref="RecordMostSimilar"/> is on; default 10.</summary>
    public int MostSimilarCount { get; init; } = 10;

    /// <summary>Threads used to score a batch of candidates; default one per processor.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// When false, every pair goes through the LCS computation with no length, overlap or index pruning.
    /// Decisions are the same; it exists as the baseline of the benchmark and of tests.
    /// </summary>
    internal bool Pruning { get; init; } = true;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (double.IsNaN(Threshold) || Threshold < 0 || Threshold > 1)
        {
            throw new ArgumentException($"SimilarityGateOptions.Threshold is {Threshold}; it must be between 0 and 1 (the reference uses 0.7).");
        }

        if (MostSimilarCount < 0)
        {
            throw new ArgumentException($"SimilarityGateOptions.MostSimilarCount is {MostSimilarCount}; it must be 0 or more.");
        }

        if (MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentException($"SimilarityGateOptions.MaxDegreeOfParallelism is {MaxDegreeOfParallelism}; it must be 1 or more.");
        }
    }
}
