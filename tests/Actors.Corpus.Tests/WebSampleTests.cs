namespace Actors.Corpus.Tests;

/// <summary>The readers, segmenter and cleaner on the real web samples of shared/data/web (see its SOURCES.md).</summary>
public sealed class WebSampleTests
{
    private static async Task<List<ShardRecord>> Read(string name) => await Records.ReadAllAsync(WebSamples.File(name));

    [WebSampleFact]
    public async Task Jsonl_samples_read_every_record()
    {
        var openwebtext = await Read("openwebtext_1000.jsonl");
        Assert.Equal(1000, openwebtext.OfType<CorpusDocument>().Count());
        Assert.Equal(4_621_574, openwebtext.OfType<CorpusDocument>().Sum(d => (long)d.Text.Length));

        var dolma = await Read("dolma_cc_licensed_CC-MAIN-20190717121559-20190717143559-00140.jsonl.gz");
        var documents = dolma.OfType<CorpusDocument>().ToList();
        Assert.Equal(697, documents.Count);
        Assert.Equal(27, documents.Count(d => d.Text.Length == 0));
        Assert.All(documents, d => Assert.Equal("test_gz", d.Metadata["source"]));
        Assert.StartsWith("{", documents[0].Metadata["metadata"], StringComparison.Ordinal);

        foreach (var name in new[] { "olmo_c4-sample.01.json.gz", "olmo_c4-sample.02.json.gz", "olmo_c4-sample.03.json.gz", "dolma_cc_en_head-0091.jsonl", "dolma_cc_en_head-0174.jsonl" })
        {
            var records = await Read(name);
            Assert.Equal(10, records.OfType<CorpusDocument>().Count());
            Assert.Empty(records.OfType<QuarantinedRecord>());
        }

        Assert.All((await Read("olmo_c4-sample.01.json.gz")).OfType<CorpusDocument>(), d => Assert.StartsWith("http", d.Url, StringComparison.Ordinal));
    }

    [WebSampleFact]
    public async Task Warc_samples_yield_the_html_pages_with_headings()
    {
        foreach (var (name, pages) in new[] { ("dolma_sample-0000.warc.gz", 22), ("dolma_sample-0001.warc.gz", 15) })
        {
            var records = await Read(name);
            var documents = records.OfType<CorpusDocument>().ToList();
            Assert.Equal(pages, documents.Count);
            Assert.Empty(records.OfType<QuarantinedRecord>());
            Assert.All(documents, d => Assert.StartsWith("https://", d.Url, StringComparison.Ordinal));
            Assert.Contains(documents, d => d.Text.Contains("\n## ", StringComparison.Ordinal));
        }

        var page = (await Read("cc_whirlwind.warc.gz")).OfType<CorpusDocument>().Single();
        Assert.Equal("https://an.wikipedia.org/wiki/Escopete", page.Url);
        Assert.Contains("# Escopete", page.Text, StringComparison.Ordinal);
    }

    [WebSampleFact]
    public async Task The_wet_sample_yields_its_conversion_record()
    {
        var records = await Read("cc_whirlwind.warc.wet.gz");
        Assert.Equal(2, records.Count);
        Assert.IsType<SkippedRecord>(records[0]);
        var page = Assert.IsType<CorpusDocument>(records[1]);
        Assert.Equal("https://an.wikipedia.org/wiki/Escopete", page.Url);
        Assert.Equal("spa", page.Metadata["language"]);
        Assert.StartsWith("Escopete - Biquipedia", page.Text, StringComparison.Ordinal);
    }

    [WebSampleFact]
    public async Task A_truncated_copy_of_a_real_sample_keeps_what_came_before_the_cut()
    {
        using var dir = new TempDirectory();
        var bytes = await File.ReadAllBytesAsync(WebSamples.File("dolma_cc_licensed_CC-MAIN-20190717121559-20190717143559-00140.jsonl.gz"));
        var records = await Records.ReadAllAsync(dir.Write("cut.jsonl.gz", bytes[..(bytes.Length / 2)]));
        Assert.Single(records.OfType<QuarantinedRecord>());
        Assert.IsType<QuarantinedRecord>(records[^1]);
        Assert.InRange(records.OfType<CorpusDocument>().Count(), 200, 500);

        var warc = await File.ReadAllBytesAsync(WebSamples.File("dolma_sample-0001.warc.gz"));
        records = await Records.ReadAllAsync(dir.Write("cut.warc.gz", warc[..(warc.Length * 2 / 3)]));
        Assert.Single(records.OfType<QuarantinedRecord>());
        Assert.IsType<QuarantinedRecord>(records[^1]);
    }

    [WebSampleFact]
    public async Task The_whole_corpus_segments_and_cleans_within_bounds()
    {
        var segmenter = new Segmenter(new SegmentSettings());
        var cleaner = new SegmentCleaner(new CleaningSettings(), new SegmentSettings(), new MinHashSettings());
        var kept = new List<Segment>();
        foreach (var shard in CorpusDiscovery.Discover([WebSamples.Directory!]))
        {
            await foreach (var record in ShardReader.ReadAsync(shard))
            {
                if (record is not CorpusDocument document)
                {
                    continue;
                }

                foreach (var segment in segmenter.Split(document))
                {
                    var decision = cleaner.Decide(segment);
                    if (decision.IsKept)
                    {
                        kept.Add(decision.Segment);
                    }
                }
            }
        }

        Assert.All(kept, s => Assert.InRange(s.Text.Length, 600, 3000));
        Assert.Equal(cleaner.Counts.Kept, kept.Count);
        Assert.InRange(kept.Count, 2000, 3500);
        Assert.True(cleaner.Counts[DropReason.Language] > 500, cleaner.Counts.ToString());
        Assert.True(cleaner.Counts[DropReason.TooShort] > 0, cleaner.Counts.ToString());
        Assert.True(cleaner.Counts[DropReason.Boilerplate] > 0, cleaner.Counts.ToString());
    }
}
