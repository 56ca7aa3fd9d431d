namespace Actors.Inference.Backends;

/// <summary>
/// How the offline backend (and the fake server) turn raw text into a completion: cut at the first stop sequence,
/// then keep at most max-tokens whitespace-separated words. Tokens are words here; no tokenizer is involved.
/// </summary>
internal static class TextShaping
{
    /// <summary>The shaped text, its word count and finish reason ("stop" or "length").</summary>
    public static (string Text, int Tokens, string FinishReason) Shape(string raw, IReadOnlyList<string> stop, int maxTokens)
    {
        var text = raw;
        foreach (var sequence in stop)
        {
            if (sequence.Length > 0 && text.IndexOf(sequence, StringComparison.Ordinal) is var at and >= 0)
            {
                text = text[..at];
            }
        }

        var words = CountWords(text);
        if (words <= maxTokens)
        {
            return (text, words, "stop");
        }

        // Keep the first maxTokens words with the whitespace between them.
        var seen = 0;
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var space = char.IsWhiteSpace(text[i]);
            if (!space && !inWord)
            {
                if (seen == maxTokens)
                {
                    return (text[..i].TrimEnd(), maxTokens, "length");
                }

                seen++;
            }

            inWord = !space;
        }

        return (text, words, "stop");
    }

    public static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord)
            {
                count++;
            }

            inWord = !space;
        }

        return count;
    }

    /// <summary>The words of <paramref name="text"/>, each but the first with its leading space (OpenAI-style tokens).</summary>
    public static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }
}
