namespace Actors.Corpus.Tests;

public sealed class DiscoveryTests
{
    [Theory]
    [InlineData("a.jsonl", ShardFormat.Jsonl, ShardCompression.None)]
    [InlineData("a.JSONL.GZ", ShardFormat.Jsonl, ShardCompression.Gzip)]
    [InlineData("c4-train.00000-of-01024.json.gz", ShardFormat.Jsonl, ShardCompression.Gzip)]
    [InlineData("x.ndjson", ShardFormat.Jsonl, ShardCompression.None)]
    [InlineData("CC-MAIN-1.warc.gz", ShardFormat.Warc, ShardCompression.Gzip)]
    [InlineData("CC-MAIN-1.warc.wet.gz", ShardFormat.Wet, ShardCompression.Gzip)]
    [InlineData("x.wet", ShardFormat.Wet, ShardCompression.None)]
    [InlineData("notes.md", ShardFormat.Text, ShardCompression.None)]
    [InlineData("notes.txt.gz", ShardFormat.Text, ShardCompression.Gzip)]
    public void Formats_come_from_the_file_name(string name, ShardFormat format, ShardCompression compression) =>
        Assert.Equal((format, compression), CorpusDiscovery.DetectFormat(name));

    [Theory]
    [InlineData("data.csv", ".csv")]
    [InlineData("data.jsonl.zst", ".zst")]
    [InlineData("README", "README")]
    [InlineData(".jsonl", ".jsonl")]
    public void An_unknown_extension_is_an_error_naming_the_file(string name, string shown)
    {
        var error = Assert.Throws<CorpusDiscoveryException>(() => CorpusDiscovery.DetectFormat(name));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{shown}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(name, error.Path);
    }

    [Fact]
    public void Directories_expand_to_one_shard_per_file_sorted_with_stable_ids()
    {
        using var dir = new TempDirectory();
        dir.Write("b.md", "# B");
        dir.Write("a.txt", "A");
        dir.Write("sub/c.jsonl", "{}");
        dir.Write("sub/.hidden.txt", "ignored");
        dir.Write(".git/config.txt", "ignored");
        var single = dir.Write("z.warc.gz", []);

        var shards = CorpusDiscovery.Discover([dir.Path, single]);

        Assert.Equal(["a.txt", "b.md", "sub/c.jsonl", "z.warc.gz"], shards.Select(s => Path.GetRelativePath(dir.Path, s.Path).Replace('\\', '/')));
        Assert.Equal([ShardFormat.Text, ShardFormat.Text, ShardFormat.Jsonl, ShardFormat.Warc], shards.Select(s => s.Format));
        Assert.Equal(shards.Select(s => s.Id), CorpusDiscovery.Discover([dir.Path]).Select(s => s.Id));
        Assert.Equal(shards[0].Path.Replace('\\', '/'), shards[0].Id.Value);
        Assert.Equal(1, shards[0].SizeBytes);
    }

    [Fact]
    public void Unknown_files_in_a_directory_and_missing_paths_are_errors()
    {
        using var dir = new TempDirectory();
        dir.Write("ok.jsonl", "{}");
        var bad = dir.Write("notes.docx", "x");
        var error = Assert.Throws<CorpusDiscoveryException>(() => CorpusDiscovery.Discover([dir.Path]));
        Assert.Contains("notes.docx", error.Message, StringComparison.Ordinal);

        var missing = Path.Combine(dir.Path, "nope");
        error = Assert.Throws<CorpusDiscoveryException>(() => CorpusDiscovery.Discover([missing]));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        File.Delete(bad);
    }
}
