using System.Text;

namespace Actors.Corpus.Tests;

public sealed class JsonlReaderTests
{
    [Fact]
    public async Task Documents_keep_text_url_and_other_fields_as_metadata()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("a.jsonl", """
            {"id":"d1","text":"First doc.\nSecond line.","url":"https://example.com/a","score":0.5,"meta":{"k":[1,2]},"none":null}
            {"text":"Line separator \u2028 inside a string stays one record","url":42}

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        var records = await Records.ReadAllAsync(path);

        Assert.Equal(2, records.Count);
        var first = Assert.IsType<CorpusDocument>(records[0]);
        Assert.Equal("First doc.\nSecond line.", first.Text);
        Assert.Equal("https://example.com/a", first.Url);
        Assert.Equal("d1", first.Metadata["id"]);
        Assert.Equal("0.5", first.Metadata["score"]);
        Assert.Equal("{\"k\":[1,2]}", first.Metadata["meta"]);
        Assert.Null(first.Metadata["none"]);
        Assert.False(first.Metadata.ContainsKey("text"));
        Assert.Equal(0, first.ByteOffset);

        var second = Assert.IsType<CorpusDocument>(records[1]);
        Assert.Contains('\u2028', second.Text);
        Assert.Null(second.Url);
        Assert.Equal("42", second.Metadata["url"]);
    }

    [Fact]
    public async Task A_byte_order_mark_and_crlf_line_ends_are_accepted()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bom.jsonl", [0xEF, 0xBB, 0xBF, .. "{\"text\":\"one\"}\r\n{\"text\":\"two\"}\r\n"u8.ToArray()]);
        var records = await Records.ReadAllAsync(path);
        Assert.Equal(["one", "two"], records.Cast<CorpusDocument>().Select(d => d.Text));
    }

    [Fact]
    public async Task Text_field_is_configurable()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("a.jsonl", "{\"content\":\"hello\",\"text\":\"not this\"}\n");
        var records = await Records.ReadAllAsync(path, new CorpusOptions { TextField = "content" });
        var doc = Assert.IsType<CorpusDocument>(Assert.Single(records));
        Assert.Equal("hello", doc.Text);
        Assert.Equal("not this", doc.Metadata["text"]);
    }

    [Fact]
    public async Task Malformed_lines_are_quarantined_at_their_ordinal_and_offset_and_the_rest_is_read()
    {
        using var dir = new TempDirectory();
        var lines = new List<byte[]>
        {
            Encoding.UTF8.GetBytes("{\"text\":\"good zero\"}"),
            Encoding.UTF8.GetBytes("{\"text\": \"unterminated"),
            Encoding.UTF8.GetBytes("[1,2,3]"),
            (byte[])[.. Encoding.UTF8.GetBytes("{\"text\":\"caf"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")],
            Encoding.UTF8.GetBytes("{\"id\":5}"),
            Encoding.UTF8.GetBytes("{\"text\":42}"),
            Encoding.UTF8.GetBytes("{\"text\":\"good six\"}\r"),
            Encoding.UTF8.GetBytes("   "),
            Encoding.UTF8.GetBytes("{\"text\":\"good eight\"} trailing"),
            Encoding.UTF8.GetBytes("{\"text\":\"good nine, no final newline\"}"),
        };
        var bytes = new List<byte>();
        var offsets = new List<long>();
        foreach (var line in lines)
        {
            offsets.Add(bytes.Count);
            bytes.AddRange(line);
            bytes.Add((byte)'\n');
        }

        bytes.RemoveAt(bytes.Count - 1);
        var path = dir.Write("mixed.jsonl", [.. bytes]);

        var records = await Records.ReadAllAsync(path);

        Assert.Equal(lines.Count, records.Count);
        var documents = records.OfType<CorpusDocument>().ToList();
        Assert.Equal([0L, 6, 9], documents.Select(d => d.Ordinal));
        Assert.Equal(["good zero", "good six", "good nine, no final newline"], documents.Select(d => d.Text));

        var bad = records.OfType<QuarantinedRecord>().ToList();
        Assert.Equal([1L, 2, 3, 4, 5, 7, 8], bad.Select(q => q.Ordinal));
        foreach (var entry in bad)
        {
            Assert.Equal(offsets[(int)entry.Ordinal], entry.ByteOffset);
            Assert.Equal(path.Replace('\\', '/'), entry.Shard.Value);
        }

        Assert.StartsWith("invalid JSON", bad[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("not a JSON object", bad[1].Reason, StringComparison.Ordinal);
        Assert.StartsWith("invalid UTF-8", bad[2].Reason, StringComparison.Ordinal);
        Assert.Contains('\uFFFD', bad[2].Excerpt);
        Assert.Equal("missing text field \"text\"", bad[3].Reason);
        Assert.Equal("text field \"text\" is a number, not a string", bad[4].Reason);
        Assert.StartsWith("blank line", bad[5].Reason, StringComparison.Ordinal);
        Assert.StartsWith("invalid JSON", bad[6].Reason, StringComparison.Ordinal);
        Assert.Equal("[1,2,3]", bad[1].Excerpt);
    }

    [Fact]
    public async Task A_line_over_the_record_limit_is_quarantined_without_being_buffered()
    {
        using var dir = new TempDirectory();
        var huge = "{\"text\":\"" + new string('x', 300_000) + "\"}";
        var path = dir.Write("big.jsonl", $"{{\"text\":\"before\"}}\n{huge}\n{{\"text\":\"after\"}}\n");
        var records = await Records.ReadAllAsync(path, new CorpusOptions { MaxRecordSize = 64 * 1024 });

        Assert.Equal(3, records.Count);
        var bad = Assert.IsType<QuarantinedRecord>(records[1]);
        Assert.Contains("longer than max-record-size", bad.Reason, StringComparison.Ordinal);
        Assert.Equal("{\"text\":\"before\"}\n".Length, bad.ByteOffset);
        Assert.True(bad.Excerpt.Length <= 200);
        Assert.Equal("after", Assert.IsType<CorpusDocument>(records[2]).Text);
    }

    [Fact]
    public async Task Excerpts_are_short()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("a.jsonl", "{\"text\":" + new string('9', 5000) + "x}\n");
        var bad = Assert.IsType<QuarantinedRecord>(Assert.Single(await Records.ReadAllAsync(path)));
        Assert.Equal(200, bad.Excerpt.Length);
    }

    [Fact]
    public async Task Cancelling_stops_reading()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("many.jsonl", string.Concat(Enumerable.Repeat("{\"text\":\"x\"}\n", 1000)));
        using var cancellation = new CancellationTokenSource();
        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in ShardReader.ReadAsync(CorpusDiscovery.Discover([path])[0], cancellationToken: cancellation.Token))
            {
                if (++read == 10)
                {
                    await cancellation.CancelAsync();
                }
            }
        });
        Assert.Equal(10, read);
    }
}
