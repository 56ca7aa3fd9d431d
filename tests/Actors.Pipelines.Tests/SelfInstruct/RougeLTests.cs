using Actors.Pipelines.Filters;

namespace Actors.Pipelines.Tests.SelfInstruct;

public sealed class RougeLTests
{
    [Fact]
    public void QuoteVector_ScoresFourteenNineteenths_AndIsAboveTheThreshold()
    {
        var score = RougeL.Score("Give me a famous quote on this topic.", "Give me a quote from a famous person on this topic.");

        Assert.Equal(14.0 / 19.0, score, 12);
        Assert.Equal(0.7368, Math.Round(score, 4));
        Assert.True(score > 0.7);
    }

    [Fact]
    public void Score_IsSymmetric_AndMatchesThePlainImplementation()
    {
        const string a = "Give me a famous quote on this topic.";
        const string b = "Give me a quote from a famous person on this topic.";

        Assert.Equal(RougeL.Score(a, b), RougeL.Score(b, a));
        Assert.Equal(PlainRougeL.Score(a, b), RougeL.Score(a, b));
    }

    [Theory]
    [InlineData("今天天气很好")]
    [InlineData("Ça? ¿Ñ!")]
    [InlineData("")]
    [InlineData("   \t\n ")]
    public void TextWithoutAsciiLettersOrDigits_HasNoTokensAndScoresZero(string text)
    {
        var tokens = RougeL.Tokenize(text);
        Assert.All(tokens, t => Assert.Matches("^[a-z0-9]+$", t));
        if (!text.Any(char.IsAsciiLetterOrDigit))
        {
            Assert.Empty(tokens);
            Assert.Equal(0.0, RougeL.Score(text, text));
            Assert.Equal(0.0, RougeL.Score(text, "Give me a quote."));
        }
    }

    [Fact]
    public void Tokenizer_FollowsPythonLowerCasing()
    {
        // Python: "İstanbul".lower() is "i̇stanbul" (i + COMBINING DOT ABOVE), so the tokens are "i" and "stanbul";
        // the KELVIN SIGN lower-cases to an ASCII "k"; accented letters are cut out of words.
        Assert.Equal(["i", "stanbul"], RougeL.Tokenize("İstanbul"));
        Assert.Equal(["5k", "run"], RougeL.Tokenize("5\u212A run"));
        Assert.Equal(["caf", "cr", "me", "br", "l", "e"], RougeL.Tokenize("Café crème-brûlée"));
        Assert.Equal(["don", "t", "c", "3po", "x", "y"], RougeL.Tokenize("Don't C-3PO x_y"));
        Assert.Equal(PlainRougeL.Tokenize("İstanbul \u212Aelvin Ça-va 10:30 x_y"), RougeL.Tokenize("İstanbul \u212Aelvin Ça-va 10:30 x_y"));
    }

    [Fact]
    public void FMeasure_UsesTheDoubleFormula_NotTheExactFraction()
    {
        // LCS 35 with lengths 55 and 45: exactly 0.7 as a fraction, 0.7000000000000001 in rouge_score's doubles.
        var score = RougeL.FMeasure(35, 55, 45);

        Assert.Equal(0.7000000000000001, score);
        Assert.True(score > 0.7);
        Assert.Equal(score, RougeL.FMeasure(35, 45, 55));
        Assert.Equal(0.0, RougeL.FMeasure(0, 10, 10));
        Assert.Equal(0.0, RougeL.FMeasure(3, 0, 10));
    }

    [Fact]
    public void BitParallelLcs_AgreesWithTheDpTable_AcrossWordBoundaries()
    {
        var random = new Random(7);
        var lcs = new BitParallelLcs();
        foreach (var length in new[] { 1, 5, 63, 64, 65, 127, 128, 129, 200 })
        {
            for (var trial = 0; trial < 20; trial++)
            {
                var vocabulary = 2 + random.Next(6);
                var a = Enumerable.Range(0, length).Select(_ => random.Next(vocabulary)).ToArray();
                var b = Enumerable.Range(0, random.Next(1, 220)).Select(_ => random.Next(vocabulary + 2)).ToArray();
                lcs.SetPattern(a, vocabulary + 2);
                var fast = lcs.Compute(b);
                lcs.Clear();

                var expected = PlainRougeL.Lcs(a.Select(x => x.ToString()).ToList(), b.Select(x => x.ToString()).ToList());
                Assert.Equal(expected, fast);
            }
        }
    }
}
