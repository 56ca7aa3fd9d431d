using Actors.Pipelines.Filters;

namespace Actors.Pipelines.Tests.SelfInstruct;

public sealed class InstructionFilterTests
{
    private readonly InstructionFilter _filter = new();

    [Theory]
    [InlineData("Tell a joke.", "too_short")]
    [InlineData("Summarize the article below.", "passed")]
    [InlineData("Describe the image you see.", "blacklist:image")]
    [InlineData("Plot a chart of sales.", "blacklist:plot")]
    [InlineData("How do I go to the station from here?", "blacklist:go to")]
    [InlineData("Explain how to GO  TO bed early.", "passed")]
    [InlineData("List the FILES in the folder.", "blacklist:files")]
    [InlineData("Describe a mapping between two sets of numbers.", "passed")]
    [InlineData("Write a program that reverses a string.", "prefix:Write a program")]
    [InlineData("write a program that reverses a string.", "passed")]
    [InlineData("\"Quote\" the following line back to me.", "leading_punctuation")]
    [InlineData("(Optional) describe your ideal weekend plan.", "leading_punctuation")]
    [InlineData("¿Cuál es la capital de Francia, por favor?", "non_ascii_start")]
    [InlineData("Ünderstand this sentence and explain it.", "non_ascii_start")]
    public void Check_GivesTheReasonKey(string instruction, string expected) =>
        Assert.Equal(expected, _filter.Check(instruction).CountKey);

    [Fact]
    public void Length_CountsWhitespaceSeparatedWords_Inclusively()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 150));

        Assert.True(_filter.Check("one two three four").IsPassed);
        Assert.Equal(InstructionRejection.TooShort, _filter.Check("one two\nthree").Rejection);
        Assert.True(_filter.Check(words).IsPassed);
        Assert.Equal(InstructionRejection.TooLong, _filter.Check(words + " more").Rejection);
        // Python's str.split() also splits on U+001F and U+3000.
        Assert.Equal(InstructionRejection.TooShort, _filter.Check("one\u001Ftwo\u3000three").Rejection);
    }

    [Fact]
    public void Filters_AreConfigurable()
    {
        var filter = new InstructionFilter(new InstructionFilterOptions
        {
            MinWords = 1,
            MaxWords = 5,
            KeywordBlacklist = ["music", "sheet music"],
            RejectedPrefixes = ["Imagine"],
            RejectLeadingPunctuation = false,
            RejectNonAsciiStart = false,
        });

        Assert.True(filter.Check("Describe the image.").IsPassed);
        Assert.Equal("blacklist:music", filter.Check("Name some Music genres.").CountKey);
        Assert.Equal("prefix:Imagine", filter.Check("Imagine a city.").CountKey);
        Assert.True(filter.Check("(Optional) hi").IsPassed);
        Assert.True(filter.Check("Ünderstand this").IsPassed);
        Assert.Equal("too_long", filter.Check("one two three four five six").CountKey);
    }

    [Fact]
    public void RejectionCounts_CountByReason()
    {
        var counts = new RejectionCounts();
        string[] instructions =
        [
            "Tell a joke.", "Draw a cat.", "Describe the picture on the wall.", "Describe the picture of a dog.",
            "Write a program to add numbers.", "Name three rivers in Europe.", "\"Hello\" in five languages please.",
        ];

        foreach (var instruction in instructions)
        {
            var verdict = _filter.Check(instruction);
            if (!verdict.IsPassed)
            {
                counts.Add(verdict.CountKey);
            }
        }

        Assert.Equal(
            new Dictionary<string, long> { ["blacklist:picture"] = 2, ["leading_punctuation"] = 1, ["prefix:Write a program"] = 1, ["too_short"] = 2 },
            counts.Snapshot());
        Assert.Equal(6, counts.Total);
    }

    [Fact]
    public void BadSettings_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new InstructionFilter(new InstructionFilterOptions { MinWords = 10, MaxWords = 5 }));
        Assert.Throws<ArgumentException>(() => new InstructionFilter(new InstructionFilterOptions { KeywordBlacklist = [""] }));
    }
}
