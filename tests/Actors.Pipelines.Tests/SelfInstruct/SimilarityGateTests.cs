using Actors.Pipelines.Filters;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Actors.Pipelines.Tests.SelfInstruct;

public sealed class SimilarityGateTests(ITestOutputHelper output)
{
    // Few distinct words, some of which tokenize to two tokens or to none, so random texts often share most
    // of their tokens and land near the threshold.
    private static readonly string[] Words = ["alpha", "Beta,", "GAMMA", "d3lta", "e-f", "über", "alpha.", "x"];

    [Fact]
    public void Decisions_EqualThePlainDp_OnRandomTextsFromSmallVocabularies()
    {
        var scenarios =
            from vocabulary in Gen.Choose(1, Words.Length)
            from maxLength in Gen.Elements(4, 9, 16, 40, 90)
            from threshold in Gen.Elements(0.7, 0.7, 0.7, 0.5, 0.3, 0.0, 0.9, 1.0)
            from seeds in Gen.ListOf(Text(vocabulary, maxLength), 6)
            from candidateCount in Gen.Choose(1, maxLength <= 16 ? 150 : 40)
            from candidates in Gen.ListOf(Text(vocabulary, maxLength), candidateCount)
            from batch in Gen.Choose(1, 40)
            select (Seeds: seeds.ToList(), Candidates: candidates.ToList(), Threshold: threshold, Batch: batch);

        Prop.ForAll(scenarios.ToArbitrary(), s =>
        {
            var expected = PlainRougeL.Gate(s.Seeds, s.Candidates, s.Threshold);
            Assert.Equal(expected, RunGate(s.Seeds, s.Candidates, s.Batch, new SimilarityGateOptions { Threshold = s.Threshold }));
            Assert.Equal(expected, RunGate(s.Seeds, s.Candidates, s.Batch, new SimilarityGateOptions { Threshold = s.Threshold, MaxDegreeOfParallelism = 1 }));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void ThirtyFiveOfFiftyFiveAndFortyFive_IsRejected_ThoughTheExactFractionIsSeventyPercent()
    {
        // Reference: 35 "alpha" + 10 "beta" (45 tokens); candidate: 35 "alpha" + 20 "gamma" (55 tokens); LCS 35.
        var reference = string.Join(' ', Enumerable.Repeat("alpha", 35).Concat(Enumerable.Repeat("beta", 10)));
        var candidate = string.Join(' ', Enumerable.Repeat("alpha", 35).Concat(Enumerable.Repeat("gamma", 20)));
        var gate = new SimilarityGate();
        gate.AddToPool([reference]);

        var decision = gate.Evaluate(candidate);

        Assert.False(decision.Accepted);
        Assert.Equal(0.7000000000000001, decision.Match!.Value.Score);
        Assert.Equal(PlainRougeL.Gate([reference], [candidate]), new[] { decision.Accepted });
    }

    [Fact]
    public void AScoreOfExactlyTheThreshold_Passes()
    {
        // 7 of 10 and 7 of 10 tokens in common: P = R = 0.7, F = 0.7 exactly, which is not above 0.7.
        var gate = new SimilarityGate();
        gate.AddToPool(["a b c d e f g h i j"]);

        var decision = gate.Evaluate("a b c d e f g x y z");

        Assert.Equal(0.7, RougeL.Score("a b c d e f g x y z", "a b c d e f g h i j"));
        Assert.True(decision.Accepted);
        Assert.Equal(1, decision.PoolIndex);
    }

    [Fact]
    public void QuoteVector_IsRejectedWithItsMatch()
    {
        var gate = new SimilarityGate();
        gate.AddToPool(["Give me a quote from a famous person on this topic."]);

        var decision = gate.Evaluate("Give me a famous quote on this topic.");

        Assert.False(decision.Accepted);
        Assert.Equal(-1, decision.PoolIndex);
        Assert.Equal(0, decision.Match!.Value.PoolIndex);
        Assert.Equal(14.0 / 19.0, decision.Match.Value.Score, 12);
        Assert.Equal(1, gate.PoolCount);
    }

    [Fact]
    public void CandidatesOfOneBatch_AreCheckedAgainstEachOther_InOrder()
    {
        var gate = new SimilarityGate();

        var decisions = gate.EvaluateBatch(["Write a poem about the sea at night.", "Write a poem about the sea at dawn.", "List three uses of vinegar."]);

        Assert.Equal([true, false, true], decisions.Select(d => d.Accepted));
        Assert.Equal(0, decisions[1].Match!.Value.PoolIndex);
        Assert.Equal(["Write a poem about the sea at night.", "List three uses of vinegar."], Enumerable.Range(0, gate.PoolCount).Select(gate.GetPooledText));
    }

    [Fact]
    public void TextWithoutTokens_IsAlwaysAccepted()
    {
        var gate = new SimilarityGate();
        gate.AddToPool(["今天天气很好"]);

        Assert.True(gate.Evaluate("今天天气很好").Accepted);
        Assert.True(gate.Evaluate("?!").Accepted);
    }

    [Fact]
    public void RecordMostSimilar_GivesTheTopScoresAndTheMean()
    {
        var pool = new[] { "Write a poem about the sea.", "Write a story about the sea.", "List three uses of vinegar.", "今天" };
        var gate = new SimilarityGate(new SimilarityGateOptions { RecordMostSimilar = true, MostSimilarCount = 2 });
        gate.AddToPool(pool);

        var decision = gate.Evaluate("Write a short poem about a calm blue sea at night.");

        var expected = pool.Select(p => PlainRougeL.Score("Write a short poem about a calm blue sea at night.", p)).ToArray();
        Assert.True(decision.Accepted);
        Assert.Equal(2, decision.MostSimilar.Count);
        Assert.Equal(0, decision.MostSimilar[0].PoolIndex);
        Assert.Equal(expected[0], decision.MostSimilar[0].Score);
        Assert.Equal(expected[1], decision.MostSimilar[1].Score);
        Assert.Equal(expected.Average(), decision.MeanSimilarity!.Value, 12);
    }

    [Fact]
    public void ManyBatchesAndIndexRebuilds_GiveThePlainDpDecisions_WithPruningOnOrOff()
    {
        // 900 short texts over 6 words: the pool passes several rebuild sizes (64, 128, 256, 512).
        var random = new Random(11);
        var texts = Enumerable.Range(0, 900).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(1, 30)).Select(_ => Words[random.Next(6)]))).ToList();

        var expected = PlainRougeL.Gate([], texts);

        Assert.Equal(expected, RunGate([], texts, 37, new SimilarityGateOptions()));
        Assert.Equal(expected, RunGate([], texts, 1, new SimilarityGateOptions()));
        Assert.Equal(expected, RunGate([], texts, 300, new SimilarityGateOptions { Pruning = false }));
        Assert.True(expected.Count(a => a) > 64, "the pool should grow past the first rebuild");
    }

    [Fact]
    public void SeedTasks_HoldExactlyTheTwoKnownNearDuplicatePairs()
    {
        if (!File.Exists(TestPaths.SeedTasks))
        {
            output.WriteLine($"skipped: {TestPaths.SeedTasks} is absent");
            return;
        }

        var seeds = Actors.Pipelines.SelfInstruct.SeedTaskReader.Load(TestPaths.SeedTasks).Select(s => s.Instruction).ToList();
        var gate = new SimilarityGate();

        var rejected = gate.EvaluateBatch(seeds).Select((d, i) => (d, i)).Where(x => !x.d.Accepted).ToList();

        Assert.Equal(2, rejected.Count);
        Assert.Contains(rejected, x => seeds[x.i].Contains("cover letter", StringComparison.Ordinal) || seeds[x.i].Contains("conversation", StringComparison.Ordinal));
        Assert.Contains(rejected, x => seeds[x.i].Contains("stereotype", StringComparison.Ordinal));
        Assert.Equal(PlainRougeL.Gate([], seeds), RunGate([], seeds, 64, new SimilarityGateOptions()));
    }

    [Fact]
    public void RealInstructions_DecisionsEqualThePlainDp()
    {
        if (!File.Exists(TestPaths.GpTeacherCodegen) || !File.Exists(TestPaths.Alpaca) || !File.Exists(TestPaths.SeedTasks))
        {
            output.WriteLine($"skipped: the instruction data under {TestPaths.SharedData} is absent");
            return;
        }

        var seeds = Actors.Pipelines.SelfInstruct.SeedTaskReader.Load(TestPaths.SeedTasks).Select(s => s.Instruction).ToList();
        var candidates = TestPaths.Instructions(TestPaths.GpTeacherCodegen, 1000).Concat(TestPaths.Instructions(TestPaths.Alpaca, 1000)).ToList();

        var expected = PlainRougeL.Gate(seeds, candidates);
        var actual = RunGate(seeds, candidates, 256, new SimilarityGateOptions());

        output.WriteLine($"{candidates.Count} candidates, {expected.Count(a => a)} accepted by the plain DP");
        Assert.Equal(expected, actual);
        Assert.Contains(false, expected);
    }

    private static bool[] RunGate(IReadOnlyList<string> seeds, IReadOnlyList<string> candidates, int batch, SimilarityGateOptions options)
    {
        var gate = new SimilarityGate(options);
        gate.AddToPool(seeds);
        var decisions = new List<bool>();
        foreach (var chunk in candidates.Chunk(batch))
        {
            decisions.AddRange(gate.EvaluateBatch(chunk).Select(d => d.Accepted));
        }

        Assert.Equal(seeds.Count + decisions.Count(a => a), gate.PoolCount);
        return [.. decisions];
    }

    private static Gen<string> Text(int vocabulary, int maxLength) =>
        from length in Gen.Choose(0, maxLength)
        from words in Gen.ArrayOf(Gen.Choose(0, vocabulary - 1), length)
        select string.Join(' ', words.Select(w => Words[w]));
}
