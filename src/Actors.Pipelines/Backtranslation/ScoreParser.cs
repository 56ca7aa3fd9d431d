using System.Globalization;
using System.Text.RegularExpressions;
using Actors.Inference;

namespace Actors.Pipelines.Backtranslation;

/// <summary>
/// Reads the judge's rating: the LAST "Score: n" in the output (rubrics invite the model to quote the
/// scale first), accepted only for n in 1..5. Anything else is a parse failure with its own status,
/// never a low score. When the backend returned logprobs for the score token, the expected score over
/// the alternatives 1..5 is recorded too.
/// </summary>
public static partial class ScoreParser
{
    /// <summary>Parses <paramref name="completion"/>.</summary>
    public static ScoreOutcome Parse(Completion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var text = completion.Text ?? string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ScoreOutcome(null, "empty", string.Empty, null);
        }

        var matches = ScoreLine().Matches(text);
        if (matches.Count == 0)
        {
            return new ScoreOutcome(null, completion.FinishReason == "length" ? "truncated" : "no_score", text.Trim(), null);
        }

        var last = matches[^1];
        var rationale = text[..last.Index].Trim();
        if (!int.TryParse(last.Groups["n"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int score) || score is < 1 or > 5)
        {
            return new ScoreOutcome(null, "out_of_range", rationale, null);
        }

        return new ScoreOutcome(score, "ok", rationale, ExpectedScore(completion, last.Groups["n"].Index));
    }

    /// <summary>
    /// The expected score from the logprobs of the token that carries the digit: the token whose text
    /// offset covers <paramref name="digitOffset"/>, with its top alternatives restricted to 1..5 and renormalized.
    /// </summary>
    internal static double? ExpectedScore(Completion completion, int digitOffset)
    {
        if (completion.Logprobs is not { Count: > 0 } tokens)
        {
            return null;
        }

        int offset = 0;
        foreach (var token in tokens)
        {
            int end = offset + token.Token.Length;
            if (digitOffset >= offset && digitOffset < end)
            {
                double total = 0, weighted = 0;
                var alternatives = token.Top.Count > 0 ? token.Top : [new KeyValuePair<string, double>(token.Token, token.Logprob)];
                foreach (var (candidate, logprob) in alternatives)
                {
                    if (int.TryParse(candidate.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value is >= 1 and <= 5)
                    {
                        double p = Math.Exp(logprob);
                        total += p;
                        weighted += p * value;
                    }
                }

                return total > 0 ? weighted / total : null;
            }

            offset = end;
        }

        return null;
    }

    [GeneratedRegex(@"score\s*[:=]\s*\**\s*(?<n>-?\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex ScoreLine();
}
