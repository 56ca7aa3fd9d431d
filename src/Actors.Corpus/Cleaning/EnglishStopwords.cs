namespace Actors.Corpus.Cleaning;

/// <summary>Common English function words, as word hashes; the language check counts how many words are among them.</summary>
internal static class EnglishStopwords
{
    public static readonly IReadOnlyList<string> Words =
    [
        "the", "of", "and", "to", "a", "in", "is", "it", "that", "for", "was", "on", "are", "as", "with", "be", "by",
        "at", "this", "have", "from", "or", "an", "but", "not", "they", "his", "her", "she", "he", "we", "you", "i",
        "were", "which", "their", "been", "has", "had", "will", "would", "there", "can", "all", "more", "if", "what",
        "so", "about", "when", "who", "one", "out", "up", "them", "some", "do", "its", "our", "my", "your", "than",
        "then", "also", "into", "just", "these", "those", "only", "other", "could", "should", "may", "any", "how",
        "like", "over", "after", "because", "most", "such", "very", "where", "while", "here", "each", "both", "being",
        "did", "does", "between", "through", "during", "before", "under", "again", "same", "many", "much", "now",
        "why", "him", "me", "us", "no", "get", "make", "well", "even", "way", "first", "new", "said",
    ];

    public static readonly int MaxLength = Words.Max(w => w.Length);

    private const int Slots = 512;

    // Open addressing over word hashes: a lookup is a shift, a load and a compare or two (a HashSet<ulong> costs
    // several times more, and this runs once per word of every segment).
    private static readonly ulong[] s_table = Build();

    public static bool Contains(ulong wordHash)
    {
        var table = s_table;
        var i = (int)(wordHash >> 55);
        while (true)
        {
            var slot = table[i];
            if (slot == wordHash)
            {
                return true;
            }

            if (slot == 0)
            {
                return false;
            }

            i = (i + 1) & (Slots - 1);
        }
    }

    private static ulong[] Build()
    {
        var table = new ulong[Slots];
        foreach (var word in Words)
        {
            var hash = Hashing.Word(word);
            var i = (int)(hash >> 55);
            while (table[i] != 0 && table[i] != hash)
            {
                i = (i + 1) & (Slots - 1);
            }

            table[i] = hash;
        }

        return table;
    }
}
