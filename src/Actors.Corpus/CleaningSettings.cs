namespace Actors.Corpus;

/// <summary>
/// Segment filters: the <c>actors.backtranslation.cleaning</c> section of the configuration. The defaults equal
/// those in <c>hocon/reference.conf</c> (a test binds one to the other). The Humpback paper names the kinds of
/// filter (length, repetitive sentences, empty or capitalised headers, navigation headers) but not their
/// numbers; these numbers are ours, set on the web samples in <c>shared/data/web</c>.
/// </summary>
public sealed record CleaningSettings
{
    /// <summary>Language kept: <see cref="TargetLanguage.En"/> (default, <c>language = en</c>) or <see cref="TargetLanguage.Any"/>.</summary>
    public TargetLanguage Language { get; init; } = TargetLanguage.En;

    /// <summary>
    /// English needs at least this share of words to be common English function words (the, of, and, to...);
    /// default 0.25 (<c>min-stopword-ratio</c>). English prose scores about 0.4 to 0.55, other languages mostly under 0.1.
    /// </summary>
    public double MinStopwordRatio { get; init; } = 0.25;

    /// <summary>English needs at least this share of letters to be ASCII a-z/A-Z; default 0.9 (<c>min-ascii-letter-ratio</c>).</summary>
    public double MinAsciiLetterRatio { get; init; } = 0.9;

    /// <summary>Length of the word n-grams counted by the repetition check; default 3 (<c>repetition-ngram-words</c>).</summary>
    public int RepetitionNgramWords { get; init; } = 3;

    /// <summary>
    /// A segment is repetitive when more than this share of its word n-grams repeat an earlier n-gram of the segment;
    /// default 0.3 (<c>max-repetition-ratio</c>). Ordinary prose stays under about 0.1.
    /// </summary>
    public double MaxRepetitionRatio { get; init; } = 0.3;

    /// <summary>Drop boilerplate segments and navigation headings; default true (<c>drop-boilerplate</c>).</summary>
    public bool DropBoilerplate { get; init; } = true;

    /// <summary>
    /// A segment is dropped as boilerplate when at least this share of its characters is in boilerplate lines (cookie
    /// banners, "Skip to content", runs of short link-like lines, copyright and "all rights reserved" lines, share
    /// and login prompts); default 0.5 (<c>max-boilerplate-fraction</c>).
    /// </summary>
    public double MaxBoilerplateFraction { get; init; } = 0.5;

    /// <summary>Remove the boilerplate lines from segments that are kept; default true (<c>strip-boilerplate-lines</c>).</summary>
    public bool StripBoilerplateLines { get; init; } = true;

    /// <summary>Drop segments whose heading is all capitals (4 letters or more), as the paper does; default true (<c>drop-upper-case-headings</c>).</summary>
    public bool DropUpperCaseHeadings { get; init; } = true;

    /// <summary>
    /// Headings that mark navigation rather than content (<c>navigation-headings</c>). Compared case-insensitively
    /// after dropping everything but letters and single spaces, so "Comments (3)" matches "comments".
    /// </summary>
    public IReadOnlyList<string> NavigationHeadings { get; init; } =
    [
        "advertisement", "forum", "quick links", "free newsletter", "newsletter", "related posts", "related articles",
        "related", "share this", "share", "comments", "leave a reply", "leave a comment", "navigation", "menu",
        "main menu", "footer", "sidebar", "categories", "tags", "archives", "recent posts", "popular posts",
        "follow us", "subscribe", "contact us", "search", "cookie policy", "privacy policy", "terms of use",
        "sign up", "log in", "login", "you may also like", "trending", "sponsored", "about the author",
    ];

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        CheckRatio(MinStopwordRatio, "MinStopwordRatio (cleaning.min-stopword-ratio)");
        CheckRatio(MinAsciiLetterRatio, "MinAsciiLetterRatio (cleaning.min-ascii-letter-ratio)");
        CheckRatio(MaxRepetitionRatio, "MaxRepetitionRatio (cleaning.max-repetition-ratio)");
        CheckRatio(MaxBoilerplateFraction, "MaxBoilerplateFraction (cleaning.max-boilerplate-fraction)");
        if (RepetitionNgramWords is < 1 or > 32)
        {
            throw new ArgumentException($"CleaningSettings.RepetitionNgramWords (cleaning.repetition-ngram-words) is {RepetitionNgramWords}; use 1 to 32.");
        }

        if (NavigationHeadings is null)
        {
            throw new ArgumentException("CleaningSettings.NavigationHeadings (cleaning.navigation-headings) is null; give a list, [] for none.");
        }

        static void CheckRatio(double value, string name)
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                throw new ArgumentException($"CleaningSettings.{name} is {value}; it must be between 0 and 1.");
            }
        }
    }
}
