namespace Actors.Pipelines.Backtranslation;

/// <summary>The judge's verdict on one pair, as parsed.</summary>
/// <param name="Score">1 to 5; null when the output held no valid score.</param>
/// <param name="Status">ok | no_score | out_of_range | truncated | empty.</param>
/// <param name="Rationale">The text before the score line, trimmed.</param>
/// <param name="ExpectedScore">Σ p(s)·s over the score token's alternatives 1..5, when logprobs came back.</param>
public sealed record ScoreOutcome(int? Score, string Status, string Rationale, double? ExpectedScore);
