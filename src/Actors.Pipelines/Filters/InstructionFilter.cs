using System.Text.RegularExpressions;

namespace Actors.Pipelines.Filters;

/// <summary>
/// The Self-Instruct instruction filters, in the reference order: word count, keyword blacklist, rejected
/// prefixes, leading punctuation, non-ASCII first character. The similarity gate runs after them. Immutable
/// and thread-safe.
/// </summary>
public sealed class InstructionFilter
{
    private readonly InstructionFilterOptions _options;
    private readonly Regex? _blacklist;

    /// <summary>Creates the filter; throws on settings that make no sense (min above max, empty keywords).</summary>
    public InstructionFilter(InstructionFilterOptions? options = null)
    {
        _options = options ?? new InstructionFilterOptions();
        if (_options.MinWords < 0 || _options.MaxWords < _options.MinWords)
        {
            throw new ArgumentException($"Instruction word bounds {_options.MinWords}..{_options.MaxWords} are invalid; use 0 <= min-words <= max-words.");
        }

        if (_options.KeywordBlacklist.Any(string.IsNullOrWhiteSpace) || _options.RejectedPrefixes.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("keyword-blacklist and rejected-prefixes cannot hold empty entries.");
        }

        if (_options.KeywordBlacklist.Count > 0)
        {
            // One pass over the text for all keywords; \b as in the reference's per-word regex.
            var alternatives = string.Join('|', _options.KeywordBlacklist.Select(Regex.Escape));
            _blacklist = new Regex($@"\b(?:{alternatives})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
        }
    }

    /// <summary>Checks one instruction (as parsed: not re-cased, not trimmed further).</summary>
    public InstructionVerdict Check(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var words = PythonText.CountWords(instruction);
        if (words < _options.MinWords)
        {
            return new(InstructionRejection.TooShort);
        }

        if (words > _options.MaxWords)
        {
            return new(InstructionRejection.TooLong);
        }

        if (_blacklist?.Match(instruction) is { Success: true } hit)
        {
            var keyword = _options.KeywordBlacklist.FirstOrDefault(k => string.Equals(k, hit.Value, StringComparison.OrdinalIgnoreCase)) ?? hit.Value.ToLowerInvariant();
            return new(InstructionRejection.Blacklisted, keyword);
        }

        foreach (var prefix in _options.RejectedPrefixes)
        {
            if (instruction.StartsWith(prefix, StringComparison.Ordinal))
            {
                return new(InstructionRejection.RejectedPrefix, prefix);
            }
        }

        if (instruction.Length > 0)
        {
            var first = instruction[0];
            if (_options.RejectLeadingPunctuation && PythonText.AsciiPunctuation.Contains(first, StringComparison.Ordinal))
            {
                return new(InstructionRejection.LeadingPunctuation);
            }

            if (_options.RejectNonAsciiStart && first > '\u007F')
            {
                return new(InstructionRejection.NonAsciiStart);
            }
        }

        return InstructionVerdict.Passed;
    }
}
