using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Corpus.Tests;

public sealed partial class SegmenterTests
{
    private static readonly ShardId Shard = new("test");

    private static string Sentence(int seed, int words)
    {
        var random = new Random(seed);
        var builder = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Vocabulary[random.Next(Vocabulary.Length)]);
        }

        builder[0] = char.ToUpperInvariant(builder[0]);
        return builder.Append('.').ToString();
    }

    private static readonly string[] Vocabulary = ["the", "hive", "bees", "honey", "spring", "colony", "queen", "frame", "wax", "smoke", "garden", "flower", "keeper", "season"];

    private static string Paragraph(int seed, int chars)
    {
        var builder = new StringBuilder();
        var i = 0;
        while (builder.Length < chars)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Sentence(seed * 1000 + i++, 12));
        }

        return builder.ToString();
    }

    [Fact]
    public void A_section_that_fits_is_one_segment_with_its_sub_sections()
    {
        var text = $"# Bees\n\n{Paragraph(1, 300)}\n\n## Hives\n\n{Paragraph(2, 300)}";
        var segment = Assert.Single(new Segmenter(new SegmentSettings()).Split(Shard, 7, text));
        Assert.Equal("Bees", segment.Heading);
        Assert.StartsWith(Paragraph(1, 300), segment.Text, StringComparison.Ordinal);
        Assert.Contains("\n\n## Hives\n\n", segment.Text, StringComparison.Ordinal);
        Assert.Equal((Shard, 7L, 0), (segment.Shard, segment.Ordinal, segment.Index));
    }

    [Fact]
    public void A_section_that_does_not_fit_splits_into_its_own_text_and_each_sub_section()
    {
        var intro = Paragraph(3, 800);
        var first = Paragraph(4, 2500);
        var second = Paragraph(5, 2500);
        var text = $"Preamble before any heading.\n# Guide\n{intro}\n\n## Part one ##\n{first}\n\n## Part two\n\n{second}\n";
        var segments = new Segmenter(new SegmentSettings()).Split(Shard, 0, text);

        Assert.Equal([null, "Guide", "Part one", "Part two"], segments.Select(s => s.Heading));
        Assert.Equal(["Preamble before any heading.", intro, first, second], segments.Select(s => s.Text));
        Assert.Equal([0, 1, 2, 3], segments.Select(s => s.Index));
    }

    [Fact]
    public void Short_paragraphs_under_one_heading_are_merged_into_balanced_segments()
    {
        var paragraphs = Enumerable.Range(0, 10).Select(i => Paragraph(10 + i, 500)).ToList();
        var text = "## Notes\n\n" + string.Join("\n\n", paragraphs);
        var segments = new Segmenter(new SegmentSettings()).Split(Shard, 0, text);

        Assert.Equal(2, segments.Count);
        Assert.All(segments, s => Assert.InRange(s.Text.Length, 600, 3000));
        Assert.All(segments, s => Assert.Equal("Notes", s.Heading));
        Assert.Equal(string.Join("\n\n", paragraphs), segments[0].Text + "\n\n" + segments[1].Text);
    }

    [Fact]
    public void An_over_long_paragraph_is_split_at_sentence_ends()
    {
        var text = Paragraph(30, 7000);
        var segments = new Segmenter(new SegmentSettings()).Split(Shard, 0, text);

        Assert.Equal(3, segments.Count);
        Assert.All(segments, s => Assert.InRange(s.Text.Length, 600, 3000));
        Assert.All(segments, s => Assert.EndsWith(".", s.Text, StringComparison.Ordinal));
        Assert.Equal(text, string.Join(' ', segments.Select(s => s.Text)));
    }

    [Fact]
    public void Lines_without_blank_lines_between_them_split_at_line_breaks()
    {
        // WET text: one block per line, no blank lines.
        var lines = Enumerable.Range(0, 40).Select(i => Sentence(i, 25)).ToList();
        var text = string.Join("\r\n", lines);
        var segments = new Segmenter(new SegmentSettings { MinChars = 100, MaxChars = 1000 }).Split(Shard, 0, text);
        Assert.All(segments, s => Assert.InRange(s.Text.Length, 100, 1000));
        Assert.Equal(string.Join("\n", lines), string.Join("\n", segments.Select(s => s.Text)));
    }

    [Fact]
    public void A_word_longer_than_the_limit_is_cut()
    {
        var text = "short words " + new string('x', 5000) + " end";
        var segments = new Segmenter(new SegmentSettings()).Split(Shard, 0, text);
        Assert.All(segments, s => Assert.True(s.Text.Length <= 3000));
        Assert.Equal(Strip(text), string.Concat(segments.Select(s => Strip(s.Text))));
    }

    [Fact]
    public void Empty_and_whitespace_documents_have_no_segments()
    {
        var segmenter = new Segmenter(new SegmentSettings());
        Assert.Empty(segmenter.Split(Shard, 0, string.Empty));
        Assert.Empty(segmenter.Split(Shard, 0, " \n\n\t \n"));
        Assert.Empty(segmenter.Split(Shard, 0, "# Only a heading\n\n## And another"));
    }

    [Fact]
    public void Segments_stay_within_the_maximum_and_lose_only_whitespace_and_heading_marks()
    {
        var property = Prop.ForAll(Documents().ToArbitrary(), Bounds().ToArbitrary(), (text, bounds) =>
        {
            var settings = new SegmentSettings { MinChars = bounds.Min, MaxChars = bounds.Max };
            var segments = new Segmenter(settings).Split(Shard, 0, text);
            var withinBounds = segments.All(s => s.Text.Length > 0 && s.Text.Length <= bounds.Max && s.Text == s.Text.Trim());
            var indexed = segments.Select(s => s.Index).SequenceEqual(Enumerable.Range(0, segments.Count));
            var expected = Strip(RemoveHeadingLines(text));
            var actual = string.Concat(segments.Select(s => Strip(RemoveHeadingLines(s.Text))));
            return withinBounds && indexed && expected == actual;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    private static Gen<(int Min, int Max)> Bounds() =>
        Gen.Elements((0, 16), (50, 120), (100, 300), (600, 3000), (0, 1000), (300, 301));

    private static Gen<string> Documents()
    {
        var word = Gen.Frequency(
            (30, Gen.Elements(Vocabulary)),
            (3, Gen.Choose(1, 40).Select(n => new string('w', n))),
            (1, Gen.Choose(100, 3500).Select(n => new string('z', n))));
        var sentence = Gen.Zip(Gen.Choose(1, 20).SelectMany(n => Gen.ListOf(word, n)), Gen.Elements(". ", "! ", "? ", " ", "\n", ".\n"))
            .Select(t => string.Join(' ', t.Item1) + t.Item2);
        var paragraph = Gen.Choose(1, 10).SelectMany(n => Gen.ListOf(sentence, n)).Select(s => string.Concat(s).Trim());
        var heading = Gen.Zip(Gen.Choose(1, 4), Gen.Choose(1, 5).SelectMany(n => Gen.ListOf(Gen.Elements(Vocabulary), n)))
            .Select(t => new string('#', t.Item1) + " " + string.Join(' ', t.Item2));
        var block = Gen.Frequency((1, heading), (4, paragraph));
        var separator = Gen.Elements("\n\n", "\n", "\r\n\r\n", "\n \n\n");
        return Gen.Choose(0, 16).SelectMany(n => Gen.ListOf(Gen.Zip(block, separator), n)).Select(blocks => string.Concat(blocks.Select(b => b.Item1 + b.Item2)));
    }

    private static string Strip(string text) => WhitespaceRegex().Replace(text, string.Empty);

    private static string RemoveHeadingLines(string text) => HeadingLineRegex().Replace(text.Replace("\r", "\n", StringComparison.Ordinal), string.Empty);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+\S.*$", RegexOptions.Multiline)]
    private static partial Regex HeadingLineRegex();
}
