namespace Actors.Pipelines.Filters;

/// <summary>
/// ROUGE-L exactly as Google's <c>rouge_score</c> package computes it with the <c>rougeL</c> type and no
/// stemmer, which is what the Self-Instruct and Alpaca scripts use for their similarity filter.
/// </summary>
/// <remarks>
/// Tokens: the text is lower-cased the way Python's <c>str.lower()</c> does it, every run of characters
/// outside <c>a-z0-9</c> becomes a space, and the remaining <c>[a-z0-9]+</c> runs are the tokens. Text with no
/// ASCII letters or digits therefore has no tokens and scores 0 against everything. The score is the
/// F-measure of the longest common subsequence, computed in doubles in the package's order:
/// P = LCS/len(prediction), R = LCS/len(target), F = 2·P·R/(P+R). That can differ from the exact fraction
/// 2·LCS/(m+n) in the last bit, which matters at a threshold: LCS 35 with lengths 55 and 45 gives
/// 0.7000000000000001, above 0.7.
/// </remarks>
public static class RougeL
{
    /// <summary>The tokens rouge_score's default tokenizer produces for <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        RougeLTokenizer.Tokenize(text, tokens);
        return tokens;
    }

    /// <summary>
    /// The ROUGE-L F-measure of <paramref name="candidate"/> against <paramref name="reference"/>; 0 when either
    /// has no tokens. Symmetric: swapping the arguments gives the same double.
    /// </summary>
    public static double Score(string candidate, string reference)
    {
        var a = Tokenize(candidate);
        var b = Tokenize(reference);
        return FMeasure(LongestCommonSubsequence(a, b), a.Count, b.Count);
    }

    /// <summary>
    /// F-measure from an LCS length and the two token counts, in rouge_score's order of operations.
    /// </summary>
    public static double FMeasure(int lcs, int candidateLength, int referenceLength)
    {
        if (lcs <= 0 || candidateLength <= 0 || referenceLength <= 0)
        {
            return 0.0;
        }

        double precision = (double)lcs / referenceLength;
        double recall = (double)lcs / candidateLength;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>Textbook dynamic-programming LCS of two token lists (two rows, O(m·n) time).</summary>
    internal static int LongestCommonSubsequence(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal)
                    ? previous[j - 1] + 1
                    : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }
}
