namespace Actors.Corpus.Segmentation;

/// <summary>The per-document work of <see cref="Segmenter"/>: builds the heading tree and emits (start, end, heading) ranges.</summary>
internal sealed class SectionSplitter(string text, int minChars, int maxChars, List<(int Start, int End, string? Heading)> output)
{
    private readonly List<(int Start, int End)> _units = [];

    public void Run()
    {
        var root = BuildTree();
        Emit(root);
    }

    /// <summary>Reads the markdown ATX headings (up to three spaces, 1-6 '#', a space, text) into a section tree.</summary>
    private Section BuildTree()
    {
        var root = new Section(0, null, 0);
        var stack = new Stack<Section>();
        stack.Push(root);
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var newline = text.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? text.Length : newline;
            if (TryHeading(lineStart, lineEnd, out var level, out var heading))
            {
                while (stack.Peek().Level >= level)
                {
                    stack.Pop().End = lineStart;
                }

                var parent = stack.Peek();
                if (parent.Children.Count == 0)
                {
                    parent.OwnEnd = lineStart;
                }

                var section = new Section(level, heading, newline < 0 ? text.Length : newline + 1);
                parent.Children.Add(section);
                stack.Push(section);
            }

            lineStart = newline < 0 ? text.Length : newline + 1;
        }

        while (stack.Count > 0)
        {
            stack.Pop().End = text.Length;
        }

        Close(root);
        return root;

        static void Close(Section section)
        {
            if (section.Children.Count == 0)
            {
                section.OwnEnd = section.End;
            }

            foreach (var child in section.Children)
            {
                Close(child);
            }
        }
    }

    private bool TryHeading(int start, int end, out int level, out string? heading)
    {
        level = 0;
        heading = null;
        var i = start;
        while (i < end && i - start < 3 && text[i] == ' ')
        {
            i++;
        }

        var hashes = i;
        while (i < end && text[i] == '#')
        {
            i++;
        }

        level = i - hashes;
        if (level is < 1 or > 6 || i >= end || text[i] is not (' ' or '\t'))
        {
            return false;
        }

        var span = text.AsSpan(i, end - i).Trim();

        // An optional closing run of '#' after a space is not part of the heading.
        var closing = span.TrimEnd('#');
        if (closing.Length < span.Length && (closing.Length == 0 || closing[^1] is ' ' or '\t'))
        {
            span = closing.TrimEnd();
        }

        if (span.IsEmpty)
        {
            return false;
        }

        heading = span.ToString();
        return true;
    }

    private void Emit(Section section)
    {
        // The root (the whole document) is never one segment when it holds headings: its preamble and each
        // top-level section are segments of their own. A section is emitted whole when it fits.
        var (start, end) = Trim(section.ContentStart, section.End);
        if (section.Level > 0 && end - start <= maxChars)
        {
            if (HasBody(start, end))
            {
                output.Add((start, end, section.Heading));
            }

            return;
        }

        Pack(section.ContentStart, section.OwnEnd, section.Heading);
        foreach (var child in section.Children)
        {
            Emit(child);
        }
    }

    /// <summary>Whether [start, end) holds text other than heading lines.</summary>
    private bool HasBody(int start, int end)
    {
        var lineStart = start;
        while (lineStart < end)
        {
            var newline = text.IndexOf('\n', lineStart, end - lineStart);
            var lineEnd = newline < 0 ? end : newline;
            if (!text.AsSpan(lineStart, lineEnd - lineStart).IsWhiteSpace() && !TryHeading(lineStart, lineEnd, out _, out _))
            {
                return true;
            }

            lineStart = lineEnd + 1;
        }

        return false;
    }

    /// <summary>Cuts [start, end) into units no longer than maxChars and packs them into balanced segments.</summary>
    private void Pack(int start, int end, string? heading)
    {
        _units.Clear();
        AddUnits(start, end, SplitLevel.Paragraph);
        if (_units.Count == 0)
        {
            return;
        }

        var total = _units[^1].End - _units[0].Start;
        var parts = (total + maxChars - 1) / maxChars;
        var target = total / parts;
        var first = output.Count;
        var (chunkStart, chunkEnd) = _units[0];
        for (var i = 1; i < _units.Count; i++)
        {
            var (unitStart, unitEnd) = _units[i];
            if (unitEnd - chunkStart <= maxChars && chunkEnd - chunkStart < target)
            {
                chunkEnd = unitEnd;
                continue;
            }

            output.Add((chunkStart, chunkEnd, heading));
            (chunkStart, chunkEnd) = (unitStart, unitEnd);
        }

        // A short tail joins the segment before it when both fit.
        if (chunkEnd - chunkStart < minChars && output.Count > first && chunkEnd - output[^1].Start <= maxChars)
        {
            var previous = output[^1];
            output[^1] = (previous.Start, chunkEnd, heading);
        }
        else
        {
            output.Add((chunkStart, chunkEnd, heading));
        }
    }

    private void AddUnits(int start, int end, SplitLevel level)
    {
        var pieceStart = -1;
        var i = start;
        while (true)
        {
            // Find the next cut: the piece [pieceStart, cut) ends, the next starts after the separator.
            var (cut, next) = NextCut(i, end, level, pieceStart < 0 ? start : pieceStart);
            var (s, e) = Trim(pieceStart < 0 ? start : pieceStart, cut);
            if (e > s)
            {
                if (e - s <= maxChars)
                {
                    _units.Add((s, e));
                }
                else if (level == SplitLevel.Hard)
                {
                    // Cannot happen: hard cuts are at most maxChars long.
                    _units.Add((s, e));
                }
                else
                {
                    AddUnits(s, e, level + 1);
                }
            }

            if (next >= end)
            {
                return;
            }

            pieceStart = next;
            i = next;
        }
    }

    /// <summary>The next cut at or after <paramref name="from"/>: (end of the current piece, start of the next).</summary>
    private (int Cut, int Next) NextCut(int from, int end, SplitLevel level, int pieceStart)
    {
        switch (level)
        {
            case SplitLevel.Paragraph:
                for (var i = text.IndexOf('\n', from, end - from); i >= 0 && i < end; i = text.IndexOf('\n', i + 1, end - i - 1))
                {
                    // A blank line: '\n', optional spaces or tabs, '\n'.
                    var j = i + 1;
                    while (j < end && text[j] is ' ' or '\t')
                    {
                        j++;
                    }

                    if (j < end && text[j] == '\n')
                    {
                        return (i, j + 1);
                    }

                    if (i + 1 >= end)
                    {
                        break;
                    }
                }

                return (end, end);

            case SplitLevel.Line:
                var newline = text.IndexOf('\n', from, end - from);
                return newline < 0 ? (end, end) : (newline, newline + 1);

            case SplitLevel.Sentence:
                for (var i = from; i < end; i++)
                {
                    if (text[i] is not ('.' or '!' or '?' or '\u2026' or '\u3002' or '\uFF01' or '\uFF1F'))
                    {
                        continue;
                    }

                    var j = i + 1;
                    while (j < end && text[j] is '"' or '\'' or ')' or ']' or '\u201D' or '\u2019' or '\u00BB')
                    {
                        j++;
                    }

                    if (j < end && char.IsWhiteSpace(text[j]))
                    {
                        return (j, j + 1);
                    }
                }

                return (end, end);

            case SplitLevel.Word:
                for (var i = from; i < end; i++)
                {
                    if (char.IsWhiteSpace(text[i]))
                    {
                        return (i, i + 1);
                    }
                }

                return (end, end);

            default:
                var cut = Math.Min(pieceStart + maxChars, end);
                if (cut < end && char.IsLowSurrogate(text[cut]) && cut > pieceStart + 1)
                {
                    cut--;
                }

                return (cut, cut);
        }
    }

    private (int Start, int End) Trim(int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }
}
