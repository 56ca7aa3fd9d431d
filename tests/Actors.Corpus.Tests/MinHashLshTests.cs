namespace Actors.Corpus.Tests;

public sealed class MinHashLshTests
{
    [Fact]
    public void Bands_and_rows_follow_the_threshold()
    {
        var lsh = new MinHashLsh(new MinHashSettings());
        Assert.Equal((9, 13), (lsh.Bands, lsh.Rows));
        Assert.True(lsh.Bands * lsh.Rows <= 128);
        Assert.InRange(lsh.CandidateProbability(0.95), 0.99, 1.0);
        Assert.InRange(lsh.CandidateProbability(0.5), 0, 0.01);

        var loose = new MinHashLsh(new MinHashSettings { Threshold = 0.5 });
        Assert.True(loose.Rows < lsh.Rows);
        Assert.True(loose.CandidateProbability(0.6) > lsh.CandidateProbability(0.6));
    }

    [Fact]
    public void Mutated_copies_are_found_and_unrelated_texts_are_not()
    {
        var cleaner = new SegmentCleaner(new CleaningSettings(), new SegmentSettings { MinChars = 100 }, new MinHashSettings());
        const int Originals = 200;
        for (var i = 0; i < Originals; i++)
        {
            Assert.True(cleaner.Decide(new Segment(new ShardId("a"), i, 0, TextSamples.English(1000 + i), null)).IsKept);
        }

        // Unrelated texts from the same vocabulary: none may be taken for a duplicate.
        for (var i = 0; i < 300; i++)
        {
            var decision = cleaner.Decide(new Segment(new ShardId("b"), i, 0, TextSamples.English(5000 + i), null));
            Assert.True(decision.IsKept, $"unrelated text {i} was dropped as {decision.Reason}");
        }

        // Copies with about 1 word in 100 replaced (Jaccard of 5-word shingles around 0.9), case and spacing changed.
        var found = 0;
        for (var i = 0; i < Originals; i++)
        {
            var copy = TextSamples.Mutate(TextSamples.English(1000 + i), seed: i, every: 100);
            var decision = cleaner.Decide(new Segment(new ShardId("c"), i, 0, copy, null));
            Assert.NotEqual(DropReason.ExactDuplicate, decision.Reason);
            if (decision.Reason == DropReason.NearDuplicate)
            {
                found++;
            }
        }

        Assert.True(found >= Originals * 85 / 100, $"near-duplicate recall {found}/{Originals}");
        Assert.Equal(found, cleaner.Counts[DropReason.NearDuplicate]);
    }

    [Fact]
    public void Band_keys_are_deterministic_across_instances_and_depend_on_the_seed()
    {
        var text = TextSamples.English(42);
        var a = new MinHashLsh(new MinHashSettings()).BandKeys(text);
        var b = new MinHashLsh(new MinHashSettings()).BandKeys(text.ToUpperInvariant());
        var other = new MinHashLsh(new MinHashSettings { Seed = 2 }).BandKeys(text);
        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
        Assert.DoesNotContain(0UL, a);
    }

    [Fact]
    public void Short_texts_still_get_band_keys()
    {
        var lsh = new MinHashLsh(new MinHashSettings());
        Assert.Equal(lsh.Bands, lsh.BandKeys("two words").Length);
        Assert.Equal(lsh.Bands, lsh.BandKeys(string.Empty).Length);
    }
}
