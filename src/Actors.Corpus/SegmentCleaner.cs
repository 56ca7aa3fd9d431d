using Actors.Corpus.Cleaning;

namespace Actors.Corpus;

/// <summary>
/// Decides, segment by segment, what to keep: drops boilerplate, segments outside the length bounds, repetitive
/// text, text not in the target language, exact duplicates and near duplicates of segments kept before; every drop
/// is counted by reason in <see cref="Counts"/>.
/// </summary>
/// <remarks>
/// Checks run in the order of <see cref="DropReason"/>; only kept segments enter the dedup indexes. The cleaner is
/// stateful (the indexes) and single-threaded: give it one owner (one stage or actor) and feed it segments in a
/// stable order. For crash/resume, persist each kept decision's <see cref="CleaningDecision.Dedup"/> with the output
/// it belongs to, and on resume call <see cref="Restore"/> with the persisted entries before deciding anything else:
/// decisions are then the same as in an uninterrupted run. Memory: the indexes only, one 64-bit key per kept segment
/// plus one per band, each 10.7 to 21.3 bytes depending on how full the tables are: with the defaults (9 bands)
/// about 140 bytes per kept segment, 107 to 213 (see <see cref="ExactDedup"/> and <see cref="MinHashLsh"/>).
/// </remarks>
public sealed class SegmentCleaner
{
    private readonly CleaningSettings _cleaning;
    private readonly SegmentSettings _segment;
    private readonly Boilerplate _boilerplate;
    private readonly TextProfile _profile = new();
    private ulong[] _ngrams = new ulong[1024];

    /// <summary>Creates a cleaner with empty dedup indexes.</summary>
    /// <param name="cleaning">Filter settings.</param>
    /// <param name="segment">Length bounds.</param>
    /// <param name="minHash">Near-duplicate settings.</param>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public SegmentCleaner(CleaningSettings cleaning, SegmentSettings segment, MinHashSettings minHash)
        : this(cleaning, segment, new ExactDedup(), new MinHashLsh(minHash))
    {
    }

    /// <summary>Creates a cleaner over existing dedup indexes (for example ones shared with another filter).</summary>
    /// <param name="cleaning">Filter settings.</param>
    /// <param name="segment">Length bounds.</param>
    /// <param name="exact">The exact-duplicate index.</param>
    /// <param name="nearDuplicates">The near-duplicate index.</param>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public SegmentCleaner(CleaningSettings cleaning, SegmentSettings segment, ExactDedup exact, MinHashLsh nearDuplicates)
    {
        ArgumentNullException.ThrowIfNull(cleaning);
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(exact);
        ArgumentNullException.ThrowIfNull(nearDuplicates);
        cleaning.Validate();
        segment.Validate();
        _cleaning = cleaning;
        _segment = segment;
        Exact = exact;
        NearDuplicates = nearDuplicates;
        _boilerplate = new Boilerplate(cleaning.NavigationHeadings);
    }

    /// <summary>Segments kept and dropped so far, by reason.</summary>
    public DropCounts Counts { get; } = new();

    /// <summary>The exact-duplicate index.</summary>
    public ExactDedup Exact { get; }

    /// <summary>The near-duplicate index.</summary>
    public MinHashLsh NearDuplicates { get; }

    /// <summary>Decides one segment; a kept segment enters the dedup indexes.</summary>
    /// <param name="segment">The segment.</param>
    /// <returns>Keep (with the segment as kept) or drop (with the reason).</returns>
    public CleaningDecision Decide(Segment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var text = segment.Text;
        if (_cleaning.DropBoilerplate)
        {
            if (segment.Heading is { } heading
                && (_boilerplate.IsNavigationHeading(heading) || (_cleaning.DropUpperCaseHeadings && Boilerplate.IsUpperCaseHeading(heading))))
            {
                return Drop(segment, DropReason.Boilerplate);
            }

            var (lines, chars) = _boilerplate.Analyse(text);
            if (lines > 0)
            {
                if (chars > 0 && chars >= _cleaning.MaxBoilerplateFraction * LengthWithoutLineBreaks(text))
                {
                    return Drop(segment, DropReason.Boilerplate);
                }

                if (_cleaning.StripBoilerplateLines)
                {
                    text = _boilerplate.Strip(text);
                    segment = segment with { Text = text };
                    Counts.CountLinesRemoved(lines);
                }
            }
        }

        if (text.Length < _segment.MinChars)
        {
            return Drop(segment, DropReason.TooShort);
        }

        if (text.Length > _segment.MaxChars)
        {
            return Drop(segment, DropReason.TooLong);
        }

        _profile.Load(text);
        if (RepetitionRatio() > _cleaning.MaxRepetitionRatio)
        {
            return Drop(segment, DropReason.Repetitive);
        }

        if (_cleaning.Language == TargetLanguage.En && !IsEnglish())
        {
            return Drop(segment, DropReason.Language);
        }

        var exactKey = _profile.ExactKey();
        if (Exact.Contains(exactKey))
        {
            return Drop(segment, DropReason.ExactDuplicate);
        }

        var bandKeys = NearDuplicates.BandKeys(_profile);
        if (NearDuplicates.IsNearDuplicate(bandKeys))
        {
            return Drop(segment, DropReason.NearDuplicate);
        }

        Exact.Add(exactKey);
        NearDuplicates.Add(bandKeys);
        Counts.CountKept();
        return CleaningDecision.Keep(segment, new DedupEntry(exactKey, bandKeys));
    }

    /// <summary>Re-adds what a kept segment added to the indexes before a crash (see the remarks).</summary>
    /// <param name="entry">A persisted <see cref="CleaningDecision.Dedup"/>.</param>
    public void Restore(DedupEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.BandKeys.Count != NearDuplicates.Bands)
        {
            throw new ArgumentException($"The entry has {entry.BandKeys.Count} band keys but the index uses {NearDuplicates.Bands} bands: it was made with other minhash settings.", nameof(entry));
        }

        Exact.Add(entry.ExactKey);
        NearDuplicates.Add(entry.BandKeys as ulong[] ?? [.. entry.BandKeys]);
    }

    /// <summary>Share of word n-grams that repeat an n-gram seen earlier in the segment.</summary>
    private double RepetitionRatio()
    {
        var words = _profile.Words;
        var n = _cleaning.RepetitionNgramWords;
        var total = words.Length - n + 1;
        if (total <= 1)
        {
            return 0;
        }

        // Hash each n-gram (adding then multiplying per word keeps word order) into a small open-addressing table
        // sized for this segment; count the n-grams already present.
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(total * 2));
        if (_ngrams.Length < size)
        {
            _ngrams = new ulong[size];
        }

        var table = _ngrams.AsSpan(0, size);
        table.Clear();
        var mask = size - 1;
        var shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        var repeated = 0;
        for (var i = 0; i < total; i++)
        {
            var h = 0UL;
            for (var j = 0; j < n; j++)
            {
                h = (h + words[i + j]) * Hashing.Golden;
            }

            h = Hashing.NonZero(h);
            var slot = (int)(h >> shift);
            while (table[slot] != 0 && table[slot] != h)
            {
                slot = (slot + 1) & mask;
            }

            if (table[slot] == h)
            {
                repeated++;
            }
            else
            {
                table[slot] = h;
            }
        }

        return (double)repeated / total;
    }

    private bool IsEnglish()
    {
        if (_profile.WordCount == 0 || _profile.Letters == 0)
        {
            return false;
        }

        return (double)_profile.Stopwords / _profile.WordCount >= _cleaning.MinStopwordRatio
            && (double)_profile.AsciiLetters / _profile.Letters >= _cleaning.MinAsciiLetterRatio;
    }

    private static int LengthWithoutLineBreaks(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (c != '\n' && c != '\r')
            {
                count++;
            }
        }

        return count;
    }

    private CleaningDecision Drop(Segment segment, DropReason reason)
    {
        Counts.CountDropped(reason);
        return CleaningDecision.Drop(segment, reason);
    }
}
