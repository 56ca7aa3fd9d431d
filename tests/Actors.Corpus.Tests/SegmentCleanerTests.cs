namespace Actors.Corpus.Tests;

public sealed class SegmentCleanerTests
{
    private static readonly ShardId Shard = new("s");

    private static SegmentCleaner Cleaner(CleaningSettings? cleaning = null) =>
        new(cleaning ?? new CleaningSettings(), new SegmentSettings(), new MinHashSettings());

    private static Segment Segment(string text, string? heading = null, int ordinal = 0) => new(Shard, ordinal, 0, text, heading);

    [Fact]
    public void Good_english_text_is_kept_with_its_dedup_entry()
    {
        var cleaner = Cleaner();
        var decision = cleaner.Decide(Segment(TextSamples.English(1), "How bees keep warm"));
        Assert.True(decision.IsKept);
        Assert.Null(decision.Reason);
        Assert.NotNull(decision.Dedup);
        Assert.Equal(cleaner.NearDuplicates.Bands, decision.Dedup!.BandKeys.Count);
        Assert.Equal(ExactDedup.Key(TextSamples.English(1)), decision.Dedup.ExactKey);
        Assert.Equal(1, cleaner.Counts.Kept);
    }

    [Theory]
    [InlineData("Related Posts")]
    [InlineData("Comments (3)")]
    [InlineData("3 comments")]
    [InlineData("Leave a Reply")]
    [InlineData("ADVERTISEMENT")]
    [InlineData("ABOUT OUR COMPANY")]
    public void Navigation_and_all_capitals_headings_are_boilerplate(string heading)
    {
        var cleaner = Cleaner();
        Assert.Equal(DropReason.Boilerplate, cleaner.Decide(Segment(TextSamples.English(2), heading)).Reason);
        Assert.Equal(1, cleaner.Counts[DropReason.Boilerplate]);
    }

    [Theory]
    [InlineData("FAQ")]
    [InlineData("Related work in beekeeping")]
    [InlineData("Searching for the queen")]
    public void Ordinary_headings_are_not_boilerplate(string heading) =>
        Assert.True(Cleaner().Decide(Segment(TextSamples.English(3), heading)).IsKept);

    [Fact]
    public void All_capitals_headings_can_be_allowed()
    {
        var cleaner = Cleaner(new CleaningSettings { DropUpperCaseHeadings = false });
        Assert.True(cleaner.Decide(Segment(TextSamples.English(4), "ABOUT OUR COMPANY")).IsKept);
    }

    [Fact]
    public void A_segment_that_is_mostly_page_furniture_is_boilerplate()
    {
        var text = string.Join('\n',
            "Skip to content",
            "Home",
            "About Us",
            "Products",
            "Contact",
            "Blog",
            "We use cookies to improve your experience on our site. By continuing to browse you accept our cookie policy.",
            "Accept all",
            "Copyright © 2024 Example Widgets Ltd. All rights reserved.",
            "Privacy Policy | Terms of Use",
            "Follow us on Twitter and Facebook for updates",
            "A short real sentence about widgets.");
        var cleaner = Cleaner(new CleaningSettings { Language = TargetLanguage.Any });
        Assert.Equal(DropReason.Boilerplate, cleaner.Decide(Segment(text)).Reason);
    }

    [Fact]
    public void Boilerplate_lines_are_removed_from_kept_segments()
    {
        var body = TextSamples.English(5);
        var text = "Skip to content\n" + body + "\nHome\nShop\nAbout us\nContact\nCopyright 2019 Example Inc. All rights reserved.";
        var cleaner = Cleaner();
        var decision = cleaner.Decide(Segment(text, "Keeping bees"));
        Assert.True(decision.IsKept);
        Assert.Equal(body, decision.Segment.Text);
        Assert.Equal(6, cleaner.Counts.BoilerplateLinesRemoved);

        var keepLines = Cleaner(new CleaningSettings { StripBoilerplateLines = false }).Decide(Segment(text, "Keeping bees"));
        Assert.Equal(text, keepLines.Segment.Text);
    }

    [Fact]
    public void Lists_and_short_content_lines_are_not_menus()
    {
        var text = TextSamples.English(6, 700) + "\n- Flour\n- Sugar\n- Eggs\n- Butter\n2 cups of water\n3 spoons of honey\n1 pinch of salt\n4 apples";
        var decision = Cleaner().Decide(Segment(text));
        Assert.True(decision.IsKept);
        Assert.Equal(text, decision.Segment.Text);
    }

    [Fact]
    public void Length_bounds_drop_short_and_long_segments()
    {
        var cleaner = Cleaner();
        Assert.Equal(DropReason.TooShort, cleaner.Decide(Segment(TextSamples.English(7, 100))).Reason);
        Assert.Equal(DropReason.TooLong, cleaner.Decide(Segment(TextSamples.English(8, 5000))).Reason);
        Assert.Equal(1, cleaner.Counts[DropReason.TooShort]);
        Assert.Equal(1, cleaner.Counts[DropReason.TooLong]);
    }

    [Fact]
    public void Repetitive_segments_are_dropped()
    {
        var sentence = "Buy the best cheap widgets online today with free shipping. ";
        var text = string.Concat(Enumerable.Repeat(sentence, 15));
        var cleaner = Cleaner();
        Assert.Equal(DropReason.Repetitive, cleaner.Decide(Segment(text)).Reason);

        // A list that repeats a few words is not repetitive.
        Assert.True(cleaner.Decide(Segment(TextSamples.English(9))).IsKept);
    }

    [Fact]
    public void Other_languages_are_dropped_for_english_and_kept_for_any()
    {
        var english = Cleaner();
        Assert.Equal(DropReason.Language, english.Decide(Segment(TextSamples.Spanish())).Reason);
        Assert.Equal(DropReason.Language, english.Decide(Segment(TextSamples.German())).Reason);
        Assert.Equal(DropReason.Language, english.Decide(Segment(string.Concat(Enumerable.Range(0, 40).Select(i => $"var x{i} = f(y{i}); ")) + new string('=', 10))).Reason);
        Assert.Equal(DropReason.Language, english.Decide(Segment(TextSamples.Russian())).Reason);
        Assert.Equal(4, english.Counts[DropReason.Language]);

        var any = Cleaner(new CleaningSettings { Language = TargetLanguage.Any });
        Assert.True(any.Decide(Segment(TextSamples.Spanish())).IsKept);
        Assert.True(any.Decide(Segment(TextSamples.German())).IsKept);
    }

    [Fact]
    public void Exact_duplicates_ignore_case_punctuation_and_spacing()
    {
        var cleaner = Cleaner();
        var text = TextSamples.English(10);
        Assert.True(cleaner.Decide(Segment(text, ordinal: 1)).IsKept);
        var variant = text.ToUpperInvariant().Replace(". ", " ;  \n", StringComparison.Ordinal);
        Assert.Equal(DropReason.ExactDuplicate, cleaner.Decide(Segment(variant, ordinal: 2)).Reason);
        Assert.Equal(ExactDedup.Key(text), ExactDedup.Key(variant));
        Assert.NotEqual(ExactDedup.Key(text), ExactDedup.Key(text + " extra"));
        Assert.Equal(1, cleaner.Counts[DropReason.ExactDuplicate]);
        Assert.Equal(1, cleaner.Exact.Count);
    }

    [Fact]
    public void Dropped_segments_do_not_enter_the_indexes()
    {
        var cleaner = Cleaner();
        var text = TextSamples.English(11);
        Assert.Equal(DropReason.Boilerplate, cleaner.Decide(Segment(text, "Related posts")).Reason);
        Assert.True(cleaner.Decide(Segment(text, "Bees")).IsKept);
        Assert.Equal(1, cleaner.Counts.Kept);
        Assert.Equal(1, cleaner.Counts.Dropped);
        Assert.Equal(2, cleaner.Counts.Total);
        Assert.Contains("kept=1 boilerplate=1", cleaner.Counts.ToString(), StringComparison.Ordinal);
    }
}
