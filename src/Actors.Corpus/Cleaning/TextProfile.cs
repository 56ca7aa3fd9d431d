using System.Runtime.CompilerServices;

namespace Actors.Corpus.Cleaning;

/// <summary>
/// One pass over a segment's text, reused by every check: the case-folded hash of each word (runs of letters and
/// digits), letter counts for the language check, and the stopword count. Reused between segments.
/// </summary>
internal sealed class TextProfile
{
    // For ASCII: 0 for characters that are not part of words, else the lower-case character.
    private static readonly char[] s_ascii = BuildAsciiTable();

    private ulong[] _words = new ulong[1024];

    public int WordCount { get; private set; }

    public int Letters { get; private set; }

    public int AsciiLetters { get; private set; }

    public int Stopwords { get; private set; }

    public ReadOnlySpan<ulong> Words => _words.AsSpan(0, WordCount);

    public void Load(string text)
    {
        WordCount = 0;
        var letters = 0;
        var ascii = 0;
        var stopwords = 0;
        var table = s_ascii;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c < 128 ? table[c] == 0 : !char.IsLetterOrDigit(c))
            {
                i++;
                continue;
            }

            var start = i;
            var h = 0xCBF29CE484222325UL;
            while (i < text.Length)
            {
                c = text[i];
                char folded;
                if (c < 128)
                {
                    folded = table[c];
                    if (folded == 0)
                    {
                        break;
                    }

                    if (folded >= 'a')
                    {
                        ascii++;
                    }
                }
                else
                {
                    if (!char.IsLetterOrDigit(c))
                    {
                        break;
                    }

                    if (char.IsLetter(c))
                    {
                        letters++;
                    }

                    folded = char.ToLowerInvariant(c);
                }

                h = (h ^ folded) * 0x100000001B3UL;
                i++;
            }

            var word = Hashing.Mix(h);
            if (i - start <= EnglishStopwords.MaxLength && EnglishStopwords.Contains(word))
            {
                stopwords++;
            }

            Append(word);
        }

        Letters = letters + ascii;
        AsciiLetters = ascii;
        Stopwords = stopwords;
    }

    private static char[] BuildAsciiTable()
    {
        var table = new char[128];
        for (var c = '0'; c <= '9'; c++)
        {
            table[c] = c;
        }

        for (var c = 'a'; c <= 'z'; c++)
        {
            table[c] = c;
            table[char.ToUpperInvariant(c)] = c;
        }

        return table;
    }

    /// <summary>Key of the normalised text: the sequence of case-folded words (punctuation and spacing ignored).</summary>
    public ulong ExactKey()
    {
        var h = 0x6A09E667F3BCC909UL;
        foreach (var word in Words)
        {
            // Words are mixed hashes already; one multiply per word keeps order, the final mix spreads it.
            h = (h ^ word) * Hashing.Golden;
        }

        return Hashing.NonZero(Hashing.Mix(h ^ (ulong)WordCount));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(ulong word)
    {
        if (WordCount == _words.Length)
        {
            Array.Resize(ref _words, _words.Length * 2);
        }

        _words[WordCount++] = word;
    }
}
