using System.Text;

namespace Actors.Corpus.Tests;

/// <summary>Generated English-like and foreign text for the cleaning tests (our own word lists, no real pages).</summary>
internal static class TextSamples
{
    private static readonly string[] Function = ["the", "of", "and", "to", "a", "in", "is", "that", "for", "with", "as", "on", "it", "was", "by", "this", "from", "at"];

    private static readonly string[] Content =
    [
        "river", "garden", "engine", "market", "teacher", "window", "harvest", "planet", "signal", "museum", "ladder",
        "forest", "pocket", "valley", "island", "kettle", "meadow", "orchard", "painter", "pilot", "bridge", "castle",
        "candle", "desert", "farmer", "glacier", "harbor", "jacket", "lantern", "mirror", "needle", "ocean", "pencil",
        "quarry", "rocket", "saddle", "tunnel", "violin", "wagon", "yacht", "zebra", "anchor", "basket", "cactus",
        "dolphin", "feather", "guitar", "hammer", "igloo", "jungle", "kitchen", "lemon", "magnet", "notebook", "orange",
        "parrot", "quilt", "rabbit", "sailor", "tomato", "umbrella", "village", "walnut", "yogurt", "blanket", "compass",
        "drummer", "elbow", "factory", "goblet", "helmet", "insect", "jewel", "kitten", "library", "monkey", "napkin",
        "oyster", "pillow", "rainbow", "shadow", "thunder", "uniform", "vessel", "whistle", "airport", "bakery",
        "chimney", "diamond", "emerald", "fountain", "granite", "hurricane", "iceberg", "journal", "kingdom", "leopard",
        "builds", "carries", "describes", "finds", "gathers", "holds", "keeps", "leaves", "measures", "opens", "paints",
        "quietly", "rapidly", "slowly", "warmly", "green", "ancient", "bright", "careful", "distant", "early", "gentle",
    ];

    /// <summary>English-like prose of about <paramref name="chars"/> characters, different for every seed.</summary>
    public static string English(int seed, int chars = 1500)
    {
        var random = new Random(seed);
        var builder = new StringBuilder();
        while (builder.Length < chars)
        {
            var words = random.Next(8, 18);
            for (var i = 0; i < words; i++)
            {
                var word = i % 2 == 0 ? Function[random.Next(Function.Length)] : Content[random.Next(Content.Length)];
                if (i == 0)
                {
                    word = char.ToUpperInvariant(word[0]) + word[1..];
                }

                builder.Append(word).Append(i == words - 1 ? ". " : " ");
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>A copy of <paramref name="text"/> with one word in <paramref name="every"/> replaced, and its case and spacing changed.</summary>
    public static string Mutate(string text, int seed, int every)
    {
        var words = text.Split(' ');
        for (var i = seed % every; i < words.Length; i += every)
        {
            words[i] = "changed" + i;
        }

        return string.Join("  ", words).ToUpperInvariant();
    }

    public static string Spanish(int seed = 1, int chars = 900) => Prose(seed, chars,
        ["el", "la", "de", "que", "y", "en", "los", "se", "del", "las", "por", "un", "para", "con", "una"],
        ["jardín", "casa", "flores", "niños", "hierba", "tarde", "familia", "terraza", "planes", "verano", "viajes", "montañas",
         "nieve", "invierno", "primavera", "ríos", "agua", "ciudad", "camino", "mercado", "pueblo", "cocina", "ventana", "libro"]);

    public static string German(int seed = 1, int chars = 900) => Prose(seed, chars,
        ["der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für", "ist", "im"],
        ["Zug", "Morgen", "Bahnhof", "Pendler", "Zeitung", "Felder", "Herbst", "Wälder", "Wanderwege", "Menschen", "Luft",
         "Stadt", "Straße", "Fenster", "Garten", "Küche", "Brücke", "Fluss", "Schule", "Arbeit", "Wetter", "Haus"]);

    public static string Russian(int seed = 1, int chars = 900) => Prose(seed, chars,
        ["и", "в", "не", "на", "что", "с", "по", "как", "из", "за", "от", "для"],
        ["город", "река", "дом", "улица", "школа", "поезд", "лес", "окно", "книга", "море", "работа", "погода", "сад", "мост"]);

    private static string Prose(int seed, int chars, string[] function, string[] content)
    {
        var random = new Random(seed);
        var builder = new StringBuilder();
        while (builder.Length < chars)
        {
            var words = random.Next(8, 18);
            for (var i = 0; i < words; i++)
            {
                builder.Append(i % 2 == 0 ? function[random.Next(function.Length)] : content[random.Next(content.Length)]).Append(i == words - 1 ? ". " : " ");
            }
        }

        return builder.ToString().Trim();
    }
}
