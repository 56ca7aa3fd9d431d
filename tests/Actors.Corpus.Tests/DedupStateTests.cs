namespace Actors.Corpus.Tests;

public sealed class DedupStateTests
{
    /// <summary>A stream with exact duplicates, near duplicates and new texts interleaved.</summary>
    private static List<Segment> Stream()
    {
        var segments = new List<Segment>();
        for (var i = 0; i < 400; i++)
        {
            var text = (i % 5) switch
            {
                0 or 1 => TextSamples.English(i),
                2 => TextSamples.English(i - 2).ToUpperInvariant(),
                3 => TextSamples.Mutate(TextSamples.English(i - 3), i, 150),
                _ => TextSamples.English(i % 40),
            };
            segments.Add(new Segment(new ShardId("s"), i, 0, text, null));
        }

        return segments;
    }

    private static SegmentCleaner NewCleaner() => new(new CleaningSettings(), new SegmentSettings { MinChars = 100 }, new MinHashSettings());

    [Fact]
    public void Restoring_persisted_entries_gives_the_same_decisions_as_an_uninterrupted_run()
    {
        var segments = Stream();
        var uninterrupted = NewCleaner();
        var decisions = segments.Select(uninterrupted.Decide).ToList();
        Assert.Contains(decisions, d => d.Reason == DropReason.ExactDuplicate);
        Assert.Contains(decisions, d => d.Reason == DropReason.NearDuplicate);

        // "Crash" after 230 segments: only the kept entries before it were persisted.
        const int Crash = 230;
        var persisted = decisions.Take(Crash).Where(d => d.IsKept).Select(d => d.Dedup!).ToList();
        var resumed = NewCleaner();
        foreach (var entry in persisted)
        {
            resumed.Restore(entry);
        }

        var after = segments.Skip(Crash).Select(resumed.Decide).ToList();
        Assert.Equal(decisions.Skip(Crash).Select(d => d.Reason), after.Select(d => d.Reason));
        Assert.Equal(decisions.Skip(Crash).Select(d => d.Dedup?.ExactKey), after.Select(d => d.Dedup?.ExactKey));
    }

    [Fact]
    public void Exported_snapshots_rebuild_the_indexes()
    {
        var segments = Stream();
        var original = NewCleaner();
        foreach (var segment in segments.Take(200))
        {
            original.Decide(segment);
        }

        var exact = new ExactDedup();
        foreach (var key in original.Exact.Export())
        {
            exact.Add(key);
        }

        var near = new MinHashLsh(new MinHashSettings());
        foreach (var key in original.NearDuplicates.Export())
        {
            near.Add([key]);
        }

        Assert.Equal(original.Exact.Count, exact.Count);
        Assert.Equal(original.NearDuplicates.KeyCount, near.KeyCount);
        var rebuilt = new SegmentCleaner(new CleaningSettings(), new SegmentSettings { MinChars = 100 }, exact, near);
        Assert.Equal(segments.Skip(200).Select(s => original.Decide(s).Reason), segments.Skip(200).Select(s => rebuilt.Decide(s).Reason));
    }

    [Fact]
    public void Entries_from_other_settings_are_refused()
    {
        var cleaner = NewCleaner();
        var error = Assert.Throws<ArgumentException>(() => cleaner.Restore(new DedupEntry(1, [1, 2, 3])));
        Assert.Contains("band keys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_index_costs_about_fourteen_bytes_per_key()
    {
        var exact = new ExactDedup();
        var random = new Random(1);
        for (var i = 0; i < 100_000; i++)
        {
            exact.Add((ulong)random.NextInt64());
        }

        Assert.Equal(100_000, exact.Count);
        Assert.InRange(exact.Bytes / (double)exact.Count, 10.6, 21.5);
    }
}
