using System.Text;
using System.Text.Json;

namespace Actors.EndToEnd.Tests;

/// <summary>
/// Deterministic English-like documents with headings and paragraphs long enough to survive segmentation,
/// varied enough not to be near-duplicates, plus malformed lines mixed in at known places.
/// </summary>
internal static class SyntheticCorpus
{
    private static readonly string[] s_subjects = ["the gardener", "a careful cook", "the new engineer", "our team", "the river", "a small town", "the old library", "every student", "the market", "a patient teacher", "the mountain road", "the night train"];
    private static readonly string[] s_verbs = ["prepares", "explains", "changes", "measures", "repairs", "describes", "follows", "improves", "questions", "collects", "protects", "shares"];
    private static readonly string[] s_objects = ["the soil before spring", "a simple recipe for bread", "the way water moves", "each step of the process", "the history of the bridge", "a plan for the winter", "the notes from the meeting", "the price of fresh fruit", "a method that saves time", "the sound of the bells", "the colours of the coast", "the rules of the game"];
    private static readonly string[] s_tails = ["because it matters to everyone here", "so that nothing is wasted", "when the weather is calm", "with more care than before", "after a long and busy week", "and writes down what was learned", "while the others listen", "in a way that is easy to follow"];

    /// <summary>Writes <paramref name="shards"/> JSONL files of <paramref name="documents"/> records each; returns the bad-record count.</summary>
    public static int Write(string directory, int shards, int documents, int seed)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        int bad = 0;
        for (int s = 0; s < shards; s++)
        {
            using var writer = new StreamWriter(Path.Combine(directory, $"shard-{s:D2}.jsonl"), false, new UTF8Encoding(false));
            for (int d = 0; d < documents; d++)
            {
                if (d % 97 == 13)
                {
                    writer.WriteLine("{\"text\": \"a record cut off in the middle");
                    bad++;
                    continue;
                }

                if (d % 89 == 40)
                {
                    writer.WriteLine("{\"title\": \"no text field here\"}");
                    bad++;
                    continue;
                }

                writer.WriteLine(JsonSerializer.Serialize(new { id = $"{s}-{d}", url = $"https://example.test/{s}/{d}", text = Document(random, s, d) }));
            }
        }

        return bad;
    }

    private static string Document(Random random, int shard, int document)
    {
        var text = new StringBuilder();
        int sections = 1 + random.Next(2);
        for (int h = 0; h < sections; h++)
        {
            text.Append("## Section ").Append(shard).Append('.').Append(document).Append('.').Append(h).Append(": ")
                .Append(s_objects[random.Next(s_objects.Length)]).Append("\n\n");
            while (text.Length < (h + 1) * 900)
            {
                var subject = s_subjects[random.Next(s_subjects.Length)];
                text.Append(char.ToUpperInvariant(subject[0])).Append(subject[1..]).Append(' ')
                    .Append(s_verbs[random.Next(s_verbs.Length)]).Append(' ')
                    .Append(s_objects[random.Next(s_objects.Length)]).Append(' ')
                    .Append(s_tails[random.Next(s_tails.Length)]).Append(", and it is number ")
                    .Append(random.Next(100000)).Append(" of the day. ");
            }

            text.Append("\n\n");
        }

        return text.ToString();
    }
}
