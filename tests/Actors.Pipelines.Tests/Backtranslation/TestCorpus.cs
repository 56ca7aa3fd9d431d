using System.Text;
using System.Text.Json;

namespace Actors.Pipelines.Tests.Backtranslation;

/// <summary>
/// A web corpus big enough for hundreds of model requests: the first documents of shared/data/web/openwebtext_1000.jsonl
/// (found through ACTORS_WEB_SAMPLES or at ../shared/data/web next to the repository, read by path and written to the
/// test's temporary directory, never into the project), or, when the shared data is absent, generated English-like
/// documents with headings that pass the cleaning filters.
/// </summary>
internal static class TestCorpus
{
    private static readonly string[] s_function = ["the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "was", "with", "on", "by", "this", "are", "from"];
    private static readonly string[] s_syllables = ["ka", "lo", "mi", "ren", "tas", "vor", "qui", "bel", "dan", "sor", "ete", "lin", "mar", "pol", "zen", "tri", "ova", "gus", "hel", "nim"];

    /// <summary>Where the shared web samples are, or null.</summary>
    public static string? SharedWebSamples()
    {
        if (Environment.GetEnvironmentVariable("ACTORS_WEB_SAMPLES") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "openwebtext_1000.jsonl")) ? configured : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "web"));
                return File.Exists(Path.Combine(candidate, "openwebtext_1000.jsonl")) ? candidate : null;
            }
        }

        return null;
    }

    /// <summary>Writes a corpus of <paramref name="documents"/> documents to <paramref name="directory"/>/corpus.jsonl and returns its path.</summary>
    public static string Write(string directory, int documents)
    {
        var path = Path.Combine(directory, "corpus.jsonl");
        if (SharedWebSamples() is { } shared)
        {
            File.WriteAllLines(path, File.ReadLines(Path.Combine(shared, "openwebtext_1000.jsonl")).Take(documents));
            return path;
        }

        Console.WriteLine($"shared/data/web/openwebtext_1000.jsonl not found (set ACTORS_WEB_SAMPLES): using {documents} generated documents instead");
        var random = new Random(20230811);
        var vocabulary = Enumerable.Range(0, 4000)
            .Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => s_syllables[random.Next(s_syllables.Length)])))
            .ToArray();
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        for (int i = 0; i < documents; i++)
        {
            writer.WriteLine(JsonSerializer.Serialize(new { text = Document(random, vocabulary), url = $"https://example.org/{i}" }));
        }

        return path;
    }

    private static string Document(Random random, string[] vocabulary)
    {
        var text = new StringBuilder();
        int target = random.Next(1500, 6000);
        while (text.Length < target)
        {
            text.Append("# ").Append(Words(random, vocabulary, random.Next(2, 6))).Append("\n\n");
            for (int paragraph = random.Next(2, 5); paragraph > 0; paragraph--)
            {
                for (int sentence = random.Next(3, 8); sentence > 0; sentence--)
                {
                    var words = Words(random, vocabulary, random.Next(8, 22));
                    text.Append(char.ToUpperInvariant(words[0])).Append(words.AsSpan(1)).Append(". ");
                }

                text.Length--;
                text.Append("\n\n");
            }
        }

        return text.ToString().TrimEnd();
    }

    private static string Words(Random random, string[] vocabulary, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(i => i % 2 == 0 ? s_function[random.Next(s_function.Length)] : vocabulary[random.Next(vocabulary.Length)]));
}
