using System.Globalization;
using System.Text.RegularExpressions;
using Actors.Pipelines.Filters;

namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// Parses the continuation of a numbered instruction list (the prompt ended with "9.", the completion
/// holds item 9 onwards). Fixes the reference parser's defects: casing is left alone (no
/// <c>capitalize()</c>); an item starts only at a line whose number follows the current one (a gap of up to
/// <see cref="MaxNumberGap"/> is tolerated and the count resynchronises), so a numbered sub-list inside an
/// instruction stays in it; colons and numbers inside content are content; a completion cut by the token
/// limit loses only its last item; a last item cut by a stop sequence that matched inside its text is
/// dropped rather than kept truncated; items past the list's last allowed number (written when the stop
/// sequences were ignored) are dropped. Immutable and thread-safe.
/// </summary>
public sealed partial class InstructionListParser
{
    /// <summary>Largest jump in item numbers still read as the next item (9 then 11 is a gap; 9 then 2016 is content).</summary>
    public const int MaxNumberGap = 3;

    // Characters an instruction normally ends with; used only when an unanchored stop sequence may have
    // fired mid-line and the backend did not say which stop matched.
    private const string FinalCharacters = ".?!:;)]}\"'`*";

    private readonly bool _hasUnanchoredStop;

    /// <summary>
    /// Creates a parser for completions generated with <paramref name="stopSequences"/>. Stops that begin with
    /// a newline can only fire between items; others (the reference's "16.") can fire inside an item.
    /// </summary>
    public InstructionListParser(IReadOnlyList<string> stopSequences)
    {
        ArgumentNullException.ThrowIfNull(stopSequences);
        _hasUnanchoredStop = stopSequences.Any(s => s.Length > 0 && !IsAnchored(s));
    }

    /// <summary>Parses a completion of <paramref name="prompt"/>.</summary>
    public InstructionListParse Parse(string completion, InstructionPrompt prompt, GenerationFinish finish, string? matchedStop = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return Parse(completion, prompt.NextNumber, prompt.MaxNumber, finish, matchedStop);
    }

    /// <summary>
    /// Parses a completion whose first item is number <paramref name="firstNumber"/>; items above
    /// <paramref name="maxNumber"/> are dropped. <paramref name="matchedStop"/> is the stop sequence that ended
    /// the completion when the backend reports it.
    /// </summary>
    public InstructionListParse Parse(string completion, int firstNumber, int maxNumber, GenerationFinish finish, string? matchedStop = null)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var text = completion.Replace("\r\n", "\n", StringComparison.Ordinal);
        var lines = text.Split('\n');
        var items = new List<(int Number, List<string> Lines)>();
        var dropped = new List<DroppedListItem>();
        var leaked = false;

        var first = lines[0];
        if (Marker().Match(first) is { Success: true } own && Number(own) == firstNumber)
        {
            // The model repeated the number the prompt already wrote ("9. 9. ...", or a chat model restating it).
            first = own.Groups["rest"].Value;
        }

        var current = (Number: firstNumber, Lines: new List<string> { first });
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var marker = Marker().Match(line);
            var number = marker.Success ? Number(marker) : -1;
            if (marker.Success && number > current.Number && number <= current.Number + MaxNumberGap)
            {
                items.Add(current);
                if (number > maxNumber)
                {
                    dropped.Add(new DroppedListItem(number, Collapse(string.Join('\n', lines[i..])), ListItemDrop.BeyondLimit));
                    leaked = true;
                    current = default;
                    break;
                }

                current = (number, [marker.Groups["rest"].Value]);
            }
            else if (marker.Success && number == firstNumber && items.Count == 0 && current.Number == firstNumber && current.Lines.Count == i)
            {
                // Everything so far was chatter before the list ("Sure! Here are more tasks:").
                dropped.Add(new DroppedListItem(firstNumber, Collapse(string.Join('\n', current.Lines)), ListItemDrop.Preamble));
                current = (number, [marker.Groups["rest"].Value]);
            }
            else if (i == lines.Length - 1 && BareNumber().Match(line) is { Success: true } bare
                && int.TryParse(bare.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var next)
                && next > current.Number && next <= current.Number + MaxNumberGap)
            {
                // The completion ends in the next item's number without its dot: the item before it is
                // complete and the new one never started.
                items.Add(current);
                if (next > maxNumber)
                {
                    dropped.Add(new DroppedListItem(next, "", ListItemDrop.BeyondLimit));
                    leaked = true;
                    current = default;
                }
                else
                {
                    current = (next, [""]);
                }

                break;
            }
            else
            {
                current.Lines.Add(line);
            }
        }

        if (current.Lines is not null)
        {
            items.Add(current);
        }

        var kept = new List<GeneratedInstruction>();
        for (var i = 0; i < items.Count; i++)
        {
            var (number, itemLines) = items[i];
            var itemText = Collapse(string.Join('\n', itemLines));
            var isLast = i == items.Count - 1;
            if (itemText.Length == 0)
            {
                dropped.Add(new DroppedListItem(number, itemText, ListItemDrop.Empty));
            }
            else if (isLast && !leaked && finish == GenerationFinish.Length)
            {
                dropped.Add(new DroppedListItem(number, itemText, ListItemDrop.TruncatedLastItem));
            }
            else if (isLast && !leaked && finish == GenerationFinish.Stop && StopCutContent(text, itemText, matchedStop))
            {
                dropped.Add(new DroppedListItem(number, itemText, ListItemDrop.StopInsideContent));
            }
            else
            {
                kept.Add(new GeneratedInstruction(number, itemText));
            }
        }

        dropped.Sort((a, b) => a.Number.CompareTo(b.Number));
        return new InstructionListParse(kept, dropped);
    }

    private bool StopCutContent(string text, string lastItem, string? matchedStop)
    {
        var endsAtLineBreak = text.Length > 0 && PythonText.IsWhitespace(text[^1]);
        if (matchedStop is not null)
        {
            return !IsAnchored(matchedStop) && !endsAtLineBreak;
        }

        // Which stop fired is unknown: only an unanchored one could have cut the item, and an item cut in
        // the middle rarely ends where a sentence ends.
        return _hasUnanchoredStop && !endsAtLineBreak && !FinalCharacters.Contains(lastItem[^1], StringComparison.Ordinal);
    }

    private static bool IsAnchored(string stop) => stop.StartsWith('\n');

    private static int Number(Match marker) =>
        int.TryParse(marker.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

    private static string Collapse(string text) => PythonText.CollapseWhitespace(text);

    // "10. text", "10) text", "10 . text", "10." alone; the number must be followed by its dot and then
    // whitespace or the end of the line, so "3.5 kg" and "10:30" are content.
    [GeneratedRegex(@"^[ \t]*(?<n>\d{1,9})[ \t]?[.)](?:[ \t]+(?<rest>.*))?[ \t]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();

    [GeneratedRegex(@"^[ \t]*(?<n>\d{1,9})[ \t]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BareNumber();
}
