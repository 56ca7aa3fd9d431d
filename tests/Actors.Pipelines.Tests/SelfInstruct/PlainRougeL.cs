using System.Text.RegularExpressions;

namespace Actors.Pipelines.Tests.SelfInstruct;

/// <summary>
/// The test oracle: rouge_score's rougeL (no stemmer) written the plain way, independently of the library:
/// Python-style lower-casing, the package's regular expressions, a full DP table, and its F formula.
/// </summary>
internal static partial class PlainRougeL
{
    public static List<string> Tokenize(string text)
    {
        // Python's str.lower() turns U+0130 into "i" + U+0307; .NET's invariant lower-casing gives "i" alone.
        var lowered = text.Replace("\u0130", "i\u0307", StringComparison.Ordinal).ToLowerInvariant();
        var spaced = NonAlphanumeric().Replace(lowered, " ");
        return spaced.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => ValidToken().IsMatch(t)).ToList();
    }

    public static int Lcs(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        // The textbook table, kept two rows at a time.
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }

    public static double Score(IReadOnlyList<string> target, IReadOnlyList<string> prediction)
    {
        if (target.Count == 0 || prediction.Count == 0)
        {
            return 0.0;
        }

        var lcs = Lcs(target, prediction);
        var precision = lcs / (double)prediction.Count;
        var recall = lcs / (double)target.Count;
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
    }

    public static double Score(string target, string prediction) => Score(Tokenize(target), Tokenize(prediction));

    /// <summary>The reference gate: each candidate against every earlier pooled text; accepted ones join the pool.</summary>
    public static bool[] Gate(IReadOnlyList<string> seeds, IReadOnlyList<string> candidates, double threshold = 0.7)
    {
        // Tokens become ints (same equality, cheaper comparisons); everything else is the plain definition.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] Ids(string text) => Tokenize(text).Select(t => ids.TryGetValue(t, out var id) ? id : ids[t] = ids.Count).ToArray();
        var pool = seeds.Select(Ids).ToList();
        var longest = pool.Select(p => p.Length).Append(0).Max();
        var rows = (new int[1], new int[1]);
        var accepted = new bool[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            var tokens = Ids(candidates[i]);
            longest = Math.Max(longest, tokens.Length);
            if (rows.Item1.Length <= longest)
            {
                rows = (new int[longest + 1], new int[longest + 1]);
            }

            accepted[i] = true;
            foreach (var pooled in pool)
            {
                if (Score(tokens, pooled, rows) > threshold)
                {
                    accepted[i] = false;
                    break;
                }
            }

            if (accepted[i])
            {
                pool.Add(tokens);
            }
        }

        return accepted;
    }

    private static double Score(int[] target, int[] prediction, (int[], int[]) rows)
    {
        if (target.Length == 0 || prediction.Length == 0)
        {
            return 0.0;
        }

        var (previous, current) = rows;
        Array.Clear(previous);
        for (var i = 1; i <= target.Length; i++)
        {
            for (var j = 1; j <= prediction.Length; j++)
            {
                current[j] = target[i - 1] == prediction[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        var lcs = previous[prediction.Length];
        var precision = lcs / (double)prediction.Length;
        var recall = lcs / (double)target.Length;
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonAlphanumeric();

    [GeneratedRegex("^[a-z0-9]+$")]
    private static partial Regex ValidToken();
}
