namespace Actors.Metrics.Dashboard;

/// <summary>Scores above the previous bound and at most <paramref name="UpperBound"/> (for integer ratings: exactly that rating).</summary>
/// <param name="UpperBound">The bucket's upper bound; +Inf for the last.</param>
/// <param name="Count">Scores in the bucket.</param>
public sealed record ScoreBucket(double UpperBound, double Count);
