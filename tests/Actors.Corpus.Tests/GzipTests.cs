using System.Text;

namespace Actors.Corpus.Tests;

public sealed class GzipTests
{
    private static readonly string[] Lines = [.. Enumerable.Range(0, 2000).Select(i => $"{{\"text\":\"document number {i} with some words {i * 7919 % 10007}\",\"i\":{i}}}")];

    private static byte[] Jsonl => Encoding.UTF8.GetBytes(string.Join('\n', Lines) + "\n");

    [Fact]
    public async Task A_whole_jsonl_gz_reads_every_record_without_quarantine()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("a.jsonl.gz", TempDirectory.Gzip(Jsonl));
        var records = await Records.ReadAllAsync(path);
        Assert.Equal(Lines.Length, records.OfType<CorpusDocument>().Count());
        Assert.Empty(records.OfType<QuarantinedRecord>());
    }

    [Fact]
    public async Task Concatenated_members_are_one_stream()
    {
        using var dir = new TempDirectory();
        var data = Jsonl;
        var half = Array.LastIndexOf(data, (byte)'\n', data.Length / 2) + 1;
        var path = dir.Write("two.jsonl.gz", TempDirectory.GzipMembers([data[..half], data[half..]]));
        var records = await Records.ReadAllAsync(path);
        Assert.Equal(Lines.Length, records.OfType<CorpusDocument>().Count());
        Assert.Empty(records.OfType<QuarantinedRecord>());

        // Many small members (bgzip style), the last one empty.
        var blocks = Enumerable.Range(0, (data.Length + 999) / 1000).Select(i => data[(i * 1000)..Math.Min(data.Length, (i + 1) * 1000)]).Append([]);
        path = dir.Write("many.jsonl.gz", TempDirectory.GzipMembers(blocks));
        records = await Records.ReadAllAsync(path);
        Assert.Equal(Lines.Length, records.OfType<CorpusDocument>().Count());
        Assert.Empty(records.OfType<QuarantinedRecord>());
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.77)]
    [InlineData(-1)]
    [InlineData(-4)]
    [InlineData(-8)]
    [InlineData(-9)]
    public async Task A_truncated_gz_keeps_every_line_before_the_cut_and_reports_the_truncation_once(double cut)
    {
        using var dir = new TempDirectory();
        var compressed = TempDirectory.Gzip(Jsonl);
        var length = cut < 0 ? compressed.Length + (int)cut : (int)(compressed.Length * cut);
        var path = dir.Write("cut.jsonl.gz", compressed[..length]);

        var records = await Records.ReadAllAsync(path);

        var bad = Assert.Single(records.OfType<QuarantinedRecord>());
        Assert.Same(bad, records[^1]);
        Assert.Contains("truncated compressed stream", bad.Reason, StringComparison.Ordinal);
        var documents = records.OfType<CorpusDocument>().ToList();
        Assert.Equal(Lines.Take(documents.Count).Select(l => l[9..l.IndexOf("\",", StringComparison.Ordinal)]), documents.Select(d => d.Text));
        if (cut > 0)
        {
            Assert.InRange(documents.Count, 10, Lines.Length - 10);
        }
        else
        {
            // Only the trailer is damaged: all the data came out.
            Assert.Equal(Lines.Length, documents.Count);
        }
    }

    [Fact]
    public async Task Garbage_after_the_last_member_is_reported()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("junk.jsonl.gz", [.. TempDirectory.Gzip(Jsonl), .. "not gzip at all"u8.ToArray()]);
        var records = await Records.ReadAllAsync(path);
        Assert.Equal(Lines.Length, records.OfType<CorpusDocument>().Count());
        Assert.Single(records.OfType<QuarantinedRecord>());
    }

    [Fact]
    public async Task A_file_that_is_not_gzip_is_one_quarantine_entry()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("plain.jsonl.gz", Jsonl);
        var records = await Records.ReadAllAsync(path);
        var bad = Assert.IsType<QuarantinedRecord>(Assert.Single(records));
        Assert.Contains("compressed stream", bad.Reason, StringComparison.Ordinal);
    }
}
