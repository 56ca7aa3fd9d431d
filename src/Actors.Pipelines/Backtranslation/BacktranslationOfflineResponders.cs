using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Actors.Pipelines.Backtranslation;

/// <summary>
/// The offline backend's stand-ins for the backward model and the judge: deterministic heuristics that
/// read OUR prompt formats (text between <c>&lt;&lt;&lt;</c> and <c>&gt;&gt;&gt;</c> markers) and answer in the
/// shape a real model would, so the recipe runs end to end without a GPU. They are not models and every
/// output made with them is labelled offline.
/// </summary>
public static partial class BacktranslationOfflineResponders
{
    private static readonly string[] s_shapes =
    [
        "Explain {0} in a few clear paragraphs for a beginner.",
        "What should I know about {0}? Give practical details.",
        "Write a short guide to {0}.",
        "Can you walk me through {0} step by step?",
        "Describe {0} and the mistakes people usually make.",
        "I want to understand {0}. Where do I start?",
    ];

    /// <summary>The backward model: an instruction that the passage in <paramref name="prompt"/> would answer.</summary>
    public static string Label(string prompt)
    {
        var blocks = Blocks(prompt);
        var passage = blocks.Count > 0 ? blocks[^1] : prompt;
        var topic = Topic(passage);
        var shape = s_shapes[Hash(passage) % (uint)s_shapes.Length];
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, topic);
    }

    /// <summary>
    /// The judge: a rating from how much of the instruction's vocabulary the answer covers and how
    /// substantial the answer is, with a one-line rationale and a closing "Score: n".
    /// </summary>
    public static string Score(string prompt)
    {
        var blocks = Blocks(prompt);
        if (blocks.Count < 2)
        {
            return "The request could not be read, so no rating is possible.\nScore: 1";
        }

        var instruction = blocks[^2];
        var answer = blocks[^1];
        var wanted = Words(instruction).Where(w => w.Length > 3).ToHashSet(StringComparer.Ordinal);
        var present = Words(answer).ToHashSet(StringComparer.Ordinal);
        double coverage = wanted.Count == 0 ? 0 : wanted.Count(present.Contains) / (double)wanted.Count;
        int score = 1 + (coverage >= 0.2 ? 1 : 0) + (coverage >= 0.4 ? 1 : 0) + (answer.Length >= 500 ? 1 : 0) + (coverage >= 0.5 && answer.Length >= 650 ? 1 : 0);
        var rationale = score >= 4
            ? "The answer addresses the request directly and in useful detail."
            : score == 3
                ? "The answer is related to the request but leaves parts of it uncovered."
                : "The answer does not really respond to what was asked.";
        return $"{rationale}\nScore: {score}";
    }

    /// <summary>Texts between <c>&lt;&lt;&lt;</c> and <c>&gt;&gt;&gt;</c> lines, in order.</summary>
    internal static List<string> Blocks(string prompt)
    {
        var blocks = new List<string>();
        foreach (Match m in BlockPattern().Matches(prompt))
        {
            blocks.Add(m.Groups["body"].Value.Trim());
        }

        return blocks;
    }

    /// <summary>A short topic: the first heading of the passage, else the start of its first sentence.</summary>
    private static string Topic(string passage)
    {
        foreach (var line in passage.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith('#'))
            {
                var heading = trimmed.TrimStart('#').Trim();
                if (heading.Length > 3)
                {
                    return Lower(heading);
                }
            }
        }

        var words = Words(passage).Take(7).ToArray();
        return words.Length == 0 ? "this topic" : "the following: " + string.Join(' ', words);
    }

    private static string Lower(string heading) =>
        heading.Length > 1 && char.IsUpper(heading[0]) && !char.IsUpper(heading[1]) ? char.ToLowerInvariant(heading[0]) + heading[1..] : heading;

    private static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    private static uint Hash(string text) =>
        BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);

    [GeneratedRegex(@"<<<\r?\n(?<body>.*?)\r?\n>>>", RegexOptions.Singleline)]
    private static partial Regex BlockPattern();

    [GeneratedRegex(@"[a-z0-9']+")]
    private static partial Regex WordPattern();
}
