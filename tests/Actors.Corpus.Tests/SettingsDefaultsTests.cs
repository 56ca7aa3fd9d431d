using Actors.Hocon;

namespace Actors.Corpus.Tests;

/// <summary>The settings records' defaults and hocon/reference.conf say the same thing.</summary>
public sealed class SettingsDefaultsTests
{
    private static readonly HoconConfig Reference = HoconConfig.Load(null);

    [Fact]
    public void Corpus_section_binds_to_the_defaults() =>
        Assert.Equal(new CorpusOptions(), Reference.Bind<CorpusOptions>("actors.backtranslation.corpus"));

    [Fact]
    public void Segment_section_binds_to_the_defaults() =>
        Assert.Equal(new SegmentSettings(), Reference.Bind<SegmentSettings>("actors.backtranslation.segment"));

    [Fact]
    public void Minhash_section_binds_to_the_defaults() =>
        Assert.Equal(new MinHashSettings(), Reference.Bind<MinHashSettings>("actors.backtranslation.minhash"));

    [Fact]
    public void Cleaning_section_binds_to_the_defaults()
    {
        var defaults = new CleaningSettings();
        var bound = Reference.Bind<CleaningSettings>("actors.backtranslation.cleaning");
        Assert.Equal(defaults.NavigationHeadings, bound.NavigationHeadings);

        // Records compare lists by reference; compare the rest with the list taken from the defaults.
        Assert.Equal(defaults, bound with { NavigationHeadings = defaults.NavigationHeadings });
    }

    [Fact]
    public void A_user_file_overrides_the_sections()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("humpback.conf", """
            actors.backtranslation {
              corpus { text-field = content, max-record-size = 1MiB }
              segment.min-chars = 200
              cleaning { language = any, navigation-headings = [menu] }
              minhash.threshold = 0.7
            }
            """);
        var config = HoconConfig.Load(file);
        Assert.Equal("content", config.Bind<CorpusOptions>("actors.backtranslation.corpus").TextField);
        Assert.Equal(1024 * 1024, config.Bind<CorpusOptions>("actors.backtranslation.corpus").MaxRecordSize);
        Assert.Equal(200, config.Bind<SegmentSettings>("actors.backtranslation.segment").MinChars);
        var cleaning = config.Bind<CleaningSettings>("actors.backtranslation.cleaning");
        Assert.Equal(TargetLanguage.Any, cleaning.Language);
        Assert.Equal(["menu"], cleaning.NavigationHeadings);
        Assert.Equal(0.7, config.Bind<MinHashSettings>("actors.backtranslation.minhash").Threshold);
    }

    [Fact]
    public void Out_of_range_settings_are_rejected_with_their_name()
    {
        Assert.Contains("max-chars", Assert.Throws<ArgumentException>(() => new Segmenter(new SegmentSettings { MinChars = 500, MaxChars = 100 })).Message, StringComparison.Ordinal);
        Assert.Contains("threshold", Assert.Throws<ArgumentException>(() => new MinHashLsh(new MinHashSettings { Threshold = 1.5 })).Message, StringComparison.Ordinal);
        Assert.Contains("min-stopword-ratio", Assert.Throws<ArgumentException>(() => new SegmentCleaner(new CleaningSettings { MinStopwordRatio = 2 }, new SegmentSettings(), new MinHashSettings())).Message, StringComparison.Ordinal);
    }
}
