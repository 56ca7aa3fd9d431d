namespace Actors.Corpus.Tests;

public sealed class TextShardTests
{
    [Fact]
    public async Task Each_text_file_is_one_document_and_invalid_utf8_is_quarantined()
    {
        using var dir = new TempDirectory();
        dir.Write("a.txt", [0xEF, 0xBB, 0xBF, .. "Plain text with a BOM."u8.ToArray()]);
        dir.Write("b.md", "# Title\n\nMarkdown body.");
        dir.Write("c.txt", [.. "bad "u8.ToArray(), 0xC0, 0xAF]);
        dir.Write("d.txt.gz", TempDirectory.Gzip("Compressed text."u8.ToArray()));

        var shards = CorpusDiscovery.Discover([dir.Path]);
        var records = new List<ShardRecord>();
        foreach (var shard in shards)
        {
            records.Add(Assert.Single(await Records.ReadAllAsync(shard)));
        }

        Assert.Equal("Plain text with a BOM.", Assert.IsType<CorpusDocument>(records[0]).Text);
        Assert.Equal("# Title\n\nMarkdown body.", Assert.IsType<CorpusDocument>(records[1]).Text);
        Assert.Equal("b.md", ((CorpusDocument)records[1]).Metadata["file_name"]);
        var bad = Assert.IsType<QuarantinedRecord>(records[2]);
        Assert.Equal("invalid UTF-8 in a text file", bad.Reason);
        Assert.Equal(0, bad.Ordinal);
        Assert.Equal("Compressed text.", Assert.IsType<CorpusDocument>(records[3]).Text);
    }

    [Fact]
    public async Task A_text_file_over_the_limit_is_quarantined()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("big.txt", new string('w', 5000));
        var bad = Assert.IsType<QuarantinedRecord>(Assert.Single(await Records.ReadAllAsync(path, new CorpusOptions { MaxRecordSize = 1024 })));
        Assert.Contains("5000 bytes", bad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_gzip_text_file_is_quarantined()
    {
        using var dir = new TempDirectory();
        var gz = TempDirectory.Gzip(System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("some words here ", 2000))));
        var path = dir.Write("cut.txt.gz", gz[..(gz.Length / 2)]);
        var bad = Assert.IsType<QuarantinedRecord>(Assert.Single(await Records.ReadAllAsync(path)));
        Assert.StartsWith("truncated compressed stream", bad.Reason, StringComparison.Ordinal);
    }
}
