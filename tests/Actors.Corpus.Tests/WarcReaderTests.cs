using System.Text;

namespace Actors.Corpus.Tests;

public sealed class WarcReaderTests
{
    private const string Html = """
        <!DOCTYPE html><html><head><title>Bird &amp; Bees</title><style>body { color: red }</style>
        <script>var x = "<h1>not text</h1>";</script></head>
        <body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
        <h1>Keeping bees</h1><p>Bees need a dry hive &amp; a sunny spot.</p>
        <h2>Feeding</h2><p>In early spring, feed syrup.<br>Check weekly.</p>
        <ul><li>Sugar</li><li>Water</li></ul><footer>© 2024 Bee Corp</footer></body></html>
        """;

    private static WarcBuilder Sample()
    {
        var html = Encoding.UTF8.GetBytes(Html);
        return new WarcBuilder()
            .Record("warcinfo", null, "application/warc-fields", "software: test\r\n"u8.ToArray())
            .Record("request", "https://bees.example/", "application/http; msgtype=request", "GET / HTTP/1.1\r\nHost: bees.example\r\n\r\n"u8.ToArray())
            .Response("https://bees.example/", "HTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8\nTransfer-Encoding: chunked\n", WarcBuilder.Chunked(html, 100), angleUri: true)
            .Response("https://bees.example/logo.png", "HTTP/1.1 200 OK\nContent-Type: image/png\n", [0x89, 0x50, 0x4E, 0x47])
            .Raw("THIS IS NOT A WARC RECORD\r\nmore junk\r\n\r\n"u8.ToArray())
            .Response("https://bees.example/missing", "HTTP/1.1 404 Not Found\nContent-Type: text/html\n", "<p>gone</p>"u8.ToArray())
            .Record("conversion", "https://bees.example/", "text/plain", "Plain text from a WET file.\nSecond line."u8.ToArray(), extra: ["WARC-Identified-Content-Language: eng"])
            .Record("response", "https://bees.example/nolength", "application/http; msgtype=response", "HTTP/1.1 200 OK\r\n\r\n<p>x</p>"u8.ToArray(), withLength: false)
            .Response("https://bees.example/latin", "HTTP/1.1 200 OK\nContent-Type: text/html; charset=iso-8859-1\n", [.. "<p>caf"u8.ToArray(), 0xE9, .. "</p>"u8.ToArray()]);
    }

    [Fact]
    public async Task Records_become_documents_skips_and_quarantine_entries_in_order()
    {
        using var dir = new TempDirectory();
        var builder = Sample();
        var path = dir.Write("sample.warc", builder.Bytes);

        var records = await Records.ReadAllAsync(path);

        Assert.Equal(9, records.Count);
        Assert.IsType<SkippedRecord>(records[0]);
        Assert.IsType<SkippedRecord>(records[1]);
        var page = Assert.IsType<CorpusDocument>(records[2]);
        Assert.Equal("https://bees.example/", page.Url);
        Assert.Equal("Bird & Bees", page.Metadata["title"]);
        Assert.Equal(builder.Offsets[2], page.ByteOffset);
        Assert.Equal("# Keeping bees\n\nBees need a dry hive & a sunny spot.\n\n## Feeding\n\nIn early spring, feed syrup.\nCheck weekly.\n\n- Sugar\n- Water", page.Text);
        Assert.Equal("payload image/png", Assert.IsType<SkippedRecord>(records[3]).Reason);

        var garbled = Assert.IsType<QuarantinedRecord>(records[4]);
        Assert.Equal(builder.Offsets[4], garbled.ByteOffset);
        Assert.Contains("garbled WARC record", garbled.Reason, StringComparison.Ordinal);
        Assert.Equal("THIS IS NOT A WARC RECORD", garbled.Excerpt);

        Assert.Equal("HTTP status 404", Assert.IsType<SkippedRecord>(records[5]).Reason);
        var wet = Assert.IsType<CorpusDocument>(records[6]);
        Assert.Equal("Plain text from a WET file.\nSecond line.", wet.Text);
        Assert.Equal("eng", wet.Metadata["language"]);

        var noLength = Assert.IsType<QuarantinedRecord>(records[7]);
        Assert.Contains("no Content-Length", noLength.Reason, StringComparison.Ordinal);
        Assert.Equal(builder.Offsets[7], noLength.ByteOffset);

        Assert.Equal("café", Assert.IsType<CorpusDocument>(records[8]).Text);
    }

    [Fact]
    public async Task Per_record_gzip_reads_the_same_with_offsets_in_the_decompressed_stream()
    {
        using var dir = new TempDirectory();
        var builder = Sample();
        var plain = await Records.ReadAllAsync(dir.Write("sample.warc", builder.Bytes));
        var compressed = await Records.ReadAllAsync(dir.Write("sample.warc.gz", TempDirectory.GzipMembers(builder.Records)));

        Assert.Equal(plain.Select(Describe), compressed.Select(Describe));
    }

    [Fact]
    public async Task A_truncated_record_at_the_end_is_one_entry_after_the_complete_records()
    {
        using var dir = new TempDirectory();
        var builder = Sample();
        var bytes = builder.Bytes;
        var cut = bytes[..(int)(builder.Offsets[8] + 150)];
        var records = await Records.ReadAllAsync(dir.Write("cut.warc", cut));

        Assert.Equal(9, records.Count);
        var last = Assert.IsType<QuarantinedRecord>(records[8]);
        Assert.StartsWith("truncated WARC record", last.Reason, StringComparison.Ordinal);
        Assert.Equal(builder.Offsets[8], last.ByteOffset);

        // The same file gzipped per record and cut inside the last member: still one entry.
        var members = TempDirectory.GzipMembers(builder.Records);
        var lastMember = TempDirectory.GzipMembers(builder.Records.Take(8)).Length;
        records = await Records.ReadAllAsync(dir.Write("cut.warc.gz", members[..(lastMember + ((members.Length - lastMember) / 2))]));
        Assert.Equal(9, records.Count);
        last = Assert.IsType<QuarantinedRecord>(records[8]);
        Assert.StartsWith("truncated compressed stream", last.Reason, StringComparison.Ordinal);
        Assert.Single(records.OfType<QuarantinedRecord>(), q => q.Reason.Contains("truncated", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("WARC/1.0\r\nWARC-Type: response\r\n")]
    [InlineData("WARC/1.0\r\nWARC-Type: response\r\nContent-Le\r\n\r\nblock bytes\r\n")]
    [InlineData("WARC/1.0\r\nContent-Length: many\r\n\r\nblock bytes\r\n")]
    public async Task A_broken_header_is_one_entry_and_the_next_record_is_read(string broken)
    {
        using var dir = new TempDirectory();
        var builder = new WarcBuilder()
            .Raw(Encoding.ASCII.GetBytes(broken))
            .Record("conversion", "https://x.example/", "text/plain", "Recovered text."u8.ToArray());
        var records = await Records.ReadAllAsync(dir.Write("broken.warc", builder.Bytes));
        Assert.Equal(2, records.Count);
        Assert.IsType<QuarantinedRecord>(records[0]);
        Assert.Equal("Recovered text.", Assert.IsType<CorpusDocument>(records[1]).Text);
    }

    [Fact]
    public async Task Wet_files_read_conversion_records()
    {
        using var dir = new TempDirectory();
        var builder = new WarcBuilder()
            .Record("warcinfo", null, "application/warc-fields", "isPartOf: test\r\n"u8.ToArray())
            .Record("conversion", "https://a.example/", "text/plain", "Alpha text."u8.ToArray())
            .Record("conversion", "https://b.example/", "text/plain", [0x41, 0xFF, 0x42]);
        var records = await Records.ReadAllAsync(dir.Write("x.warc.wet.gz", TempDirectory.GzipMembers(builder.Records)));
        Assert.Equal(ShardFormat.Wet, CorpusDiscovery.DetectFormat("x.warc.wet.gz").Format);
        Assert.IsType<SkippedRecord>(records[0]);
        Assert.Equal("Alpha text.", Assert.IsType<CorpusDocument>(records[1]).Text);
        Assert.Contains("invalid UTF-8", Assert.IsType<QuarantinedRecord>(records[2]).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_block_over_the_record_limit_is_skipped_and_reported()
    {
        using var dir = new TempDirectory();
        var big = Encoding.ASCII.GetBytes("<p>" + new string('a', 5000) + "</p>");
        var builder = new WarcBuilder()
            .Response("https://big.example/", "HTTP/1.1 200 OK\nContent-Type: text/html\n", big)
            .Record("conversion", "https://small.example/", "text/plain", "small"u8.ToArray());
        var records = await Records.ReadAllAsync(dir.Write("big.warc", builder.Bytes), new CorpusOptions { MaxRecordSize = 1024 });
        Assert.Contains("larger than max-record-size", Assert.IsType<QuarantinedRecord>(records[0]).Reason, StringComparison.Ordinal);
        Assert.Equal("small", Assert.IsType<CorpusDocument>(records[1]).Text);
    }

    private static string Describe(ShardRecord record) => record switch
    {
        CorpusDocument d => $"doc {d.Ordinal} {d.ByteOffset} {d.Url} {d.Text}",
        QuarantinedRecord q => $"bad {q.Ordinal} {q.ByteOffset} {q.Reason}",
        SkippedRecord s => $"skip {s.Ordinal} {s.ByteOffset} {s.Reason}",
        _ => "?",
    };
}
