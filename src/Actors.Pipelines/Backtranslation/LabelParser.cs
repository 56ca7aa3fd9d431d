using System.Text.RegularExpressions;

namespace Actors.Pipelines.Backtranslation;

/// <summary>
/// Turns the backward model's generation into one instruction, or rejects it with a reason: empty output,
/// output cut off by the token limit, an echo of the prompt or of the segment itself, a meta-instruction
/// (text about writing instructions rather than an instruction), or a length outside the bounds. Each
/// reason is counted by the caller; none is silently mapped to another.
/// </summary>
public sealed partial class LabelParser
{
    private readonly int _minChars;
    private readonly int _maxChars;
    private readonly string[] _promptLines;

    /// <summary>Creates a parser for instructions of <paramref name="minChars"/> to <paramref name="maxChars"/> characters.</summary>
    /// <param name="minChars">Shortest instruction kept.</param>
    /// <param name="maxChars">Longest instruction kept.</param>
    /// <param name="promptTemplate">The labeling prompt; its fixed lines are what an echo repeats.</param>
    public LabelParser(int minChars, int maxChars, string promptTemplate)
    {
        _minChars = minChars;
        _maxChars = maxChars;
        _promptLines = [.. promptTemplate.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length >= 20 && !l.Contains('{', StringComparison.Ordinal))];
    }

    /// <summary>Rejection reasons, as counted.</summary>
    public static class Reasons
    {
        /// <summary>Nothing but whitespace came back.</summary>
        public const string Empty = "empty";

        /// <summary>The generation hit the token limit.</summary>
        public const string Truncated = "truncated";

        /// <summary>The output repeats the prompt's own wording.</summary>
        public const string PromptEcho = "prompt_echo";

        /// <summary>The output repeats the segment rather than asking for it.</summary>
        public const string SegmentEcho = "segment_echo";

        /// <summary>The output talks about instructions instead of being one.</summary>
        public const string MetaInstruction = "meta_instruction";

        /// <summary>Shorter than the minimum.</summary>
        public const string TooShort = "too_short";

        /// <summary>Longer than the maximum.</summary>
        public const string TooLong = "too_long";
    }

    /// <summary>Parses <paramref name="text"/> generated for <paramref name="segment"/>.</summary>
    public LabelOutcome Parse(string text, string finishReason, string segment)
    {
        if (finishReason == "length")
        {
            return LabelOutcome.Reject(Reasons.Truncated);
        }

        var instruction = Clean(text);
        if (instruction.Length == 0)
        {
            return LabelOutcome.Reject(Reasons.Empty);
        }

        if (_promptLines.Any(line => instruction.Contains(line, StringComparison.OrdinalIgnoreCase)))
        {
            return LabelOutcome.Reject(Reasons.PromptEcho);
        }

        if (IsSegmentEcho(instruction, segment))
        {
            return LabelOutcome.Reject(Reasons.SegmentEcho);
        }

        if (MetaPattern().IsMatch(instruction))
        {
            return LabelOutcome.Reject(Reasons.MetaInstruction);
        }

        if (instruction.Length < _minChars)
        {
            return LabelOutcome.Reject(Reasons.TooShort);
        }

        return instruction.Length > _maxChars ? LabelOutcome.Reject(Reasons.TooLong) : LabelOutcome.Accept(instruction);
    }

    /// <summary>Strips a leading label such as "Instruction:", surrounding quotes and trailing chatter after a blank line.</summary>
    internal static string Clean(string text)
    {
        var s = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        s = LeadingLabel().Replace(s, string.Empty).TrimStart();

        // The instruction is the first paragraph; models often add "Response:" or commentary after it.
        int blank = s.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank > 0)
        {
            s = s[..blank];
        }

        var answerLabel = AnswerLabel().Match(s);
        if (answerLabel.Success && answerLabel.Index > 0)
        {
            s = s[..answerLabel.Index];
        }

        s = s.Trim();
        if (s.Length >= 2 && ((s[0] == '"' && s[^1] == '"') || (s[0] == '\u201c' && s[^1] == '\u201d')))
        {
            s = s[1..^1].Trim();
        }

        return s;
    }

    /// <summary>Whether most of the instruction is a verbatim run of the segment (a copy, not a question).</summary>
    private static bool IsSegmentEcho(string instruction, string segment)
    {
        if (instruction.Length < 40)
        {
            return false;
        }

        // A 40-character window of the instruction found verbatim in the segment, at three places, is a copy.
        int hits = 0;
        foreach (int start in new[] { 0, (instruction.Length - 40) / 2, instruction.Length - 40 })
        {
            if (segment.Contains(instruction.AsSpan(start, 40), StringComparison.OrdinalIgnoreCase))
            {
                hits++;
            }
        }

        return hits >= 3;
    }

    [GeneratedRegex(@"^(?:#+\s*)?(?:the\s+)?(?:instruction|user instruction|question|prompt|request)\s*[:\-]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingLabel();

    [GeneratedRegex(@"\n\s*(?:response|answer|output|assistant)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex AnswerLabel();

    [GeneratedRegex(@"^(?:here(?:'s| is) (?:an?|the) (?:instruction|question|prompt)|(?:write|generate|create|come up with) (?:an? |the )?(?:instruction|question|prompt)s?\b|as an ai\b|i(?:'m| am) sorry|i cannot|i can't)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaPattern();
}
