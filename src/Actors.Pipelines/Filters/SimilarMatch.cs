namespace Actors.Pipelines.Filters;

/// <summary>A pooled text and its ROUGE-L F-measure against a candidate.</summary>
/// <param name="PoolIndex">Position of the text in the gate's pool (seeds first, then accepted texts, in order).</param>
/// <param name="Text">The pooled text.</param>
/// <param name="Score">ROUGE-L F-measure, as rouge_score computes it.</param>
public readonly record struct SimilarMatch(int PoolIndex, string Text, double Score);
