using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Actors.Inference.Backends;

/// <summary>The generic offline texts: shaped per purpose, worded from the prompt, chosen by a hash of the request.</summary>
internal static class OfflineHeuristics
{
    private static readonly string[] s_vocabulary =
    [
        "river", "history", "garden", "planet", "recipe", "language", "market", "museum", "engine", "forest",
        "music", "energy", "village", "ocean", "theory", "bridge", "winter", "library", "signal", "harvest",
    ];

    public static string Generic(CompletionRequest request)
    {
        var seed = Seed(request);
        var words = ContentWords(PromptText(request));
        string Word(int i) => words.Count > 0
            ? words[(int)((seed >> (i * 7 % 48)) % (ulong)words.Count)]
            : s_vocabulary[(int)((seed >> (i * 5 % 48)) % (ulong)s_vocabulary.Length)];

        return request.Purpose switch
        {
            InferencePurposes.Classify => seed % 2 == 0 ? "Yes" : "No",
            InferencePurposes.Score => string.Create(CultureInfo.InvariantCulture,
                $"The answer addresses the question about {Word(0)} and {Word(1)}.\nScore: {1 + (int)(seed % 5)}"),
            InferencePurposes.Label => $"Explain what the text says about {Word(0)} and how it relates to {Word(1)}.",
            InferencePurposes.GenerateInstructions => string.Join('\n',
                $"Describe the role of {Word(0)} in {Word(1)}.",
                $"List three facts about {Word(2)}.",
                $"Write a short story that mentions {Word(3)} and {Word(4)}."),
            InferencePurposes.GenerateInstances =>
                $"Input: {Word(0)} and {Word(1)}\nOutput: The {Word(0)} is connected to the {Word(1)} through {Word(2)}.",
            _ => string.Join(' ', Enumerable.Range(0, 12).Select(Word)) + ".",
        };
    }

    /// <summary>64 bits of a hash over the model-independent request encoding (prompt, parameters, seed).</summary>
    public static ulong Seed(CompletionRequest request)
    {
        var hex = ResponseCacheKey.Compute("offline", request);
        return ulong.Parse(hex.AsSpan(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    public static string PromptText(CompletionRequest request)
    {
        if (request.Messages is not { } messages)
        {
            return request.Prompt ?? "";
        }

        var builder = new StringBuilder();
        foreach (var message in messages)
        {
            builder.Append(message.Role).Append(": ").Append(message.Content).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Distinct words of at least five letters, lower-cased, in order of first appearance (the last 2000 chars).</summary>
    private static List<string> ContentWords(string text)
    {
        var tail = text.Length > 2000 ? text[^2000..] : text;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= tail.Length; i++)
        {
            var letter = i < tail.Length && char.IsLetter(tail[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                if (i - start >= 5)
                {
                    var word = tail[start..i].ToLowerInvariant();
                    if (seen.Add(word))
                    {
                        words.Add(word);
                    }
                }

                start = -1;
            }
        }

        return words;
    }

    /// <summary>A deterministic log-probability in [-3, 0) for a token at a position.</summary>
    public static double Logprob(ulong seed, int position, string token)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{seed}:{position}:{token}")), digest);
        var fraction = BitConverter.ToUInt32(digest) / (double)uint.MaxValue;
        return -0.001 - (2.999 * fraction);
    }
}
