using System.Text.Json;
using System.Text.Unicode;

namespace Actors.Corpus.Tests;

public sealed class QuarantineWriterTests
{
    [Fact]
    public async Task Entries_are_json_lines_with_location_reason_and_a_short_valid_excerpt()
    {
        using var dir = new TempDirectory();
        var quarantine = Path.Combine(dir.Path, "out", "quarantine");
        await using (var writer = QuarantineWriter.Open(quarantine))
        {
            await writer.WriteAsync(new QuarantinedRecord(new ShardId("/data/a.jsonl"), 3, 120, "invalid JSON", "{\"text\": \"oops"));
            await writer.WriteAsync(new QuarantinedRecord(new ShardId("/data/b.warc.gz"), 9, null, "damaged compressed stream", "lone \uD800 surrogate " + new string('x', 500)));
            Assert.Equal(2, writer.Count);
        }

        var path = Path.Combine(quarantine, QuarantineWriter.DefaultFileName);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.True(Utf8.IsValid(bytes));
        var lines = (await File.ReadAllLinesAsync(path)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(["shard", "ordinal", "byte_offset", "reason", "excerpt"], lines[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("/data/a.jsonl", lines[0].GetProperty("shard").GetString());
        Assert.Equal(3, lines[0].GetProperty("ordinal").GetInt64());
        Assert.Equal(120, lines[0].GetProperty("byte_offset").GetInt64());
        Assert.Equal("invalid JSON", lines[0].GetProperty("reason").GetString());
        Assert.Equal("{\"text\": \"oops", lines[0].GetProperty("excerpt").GetString());
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("byte_offset").ValueKind);
        var excerpt = lines[1].GetProperty("excerpt").GetString()!;
        Assert.Equal(200, excerpt.Length);
        Assert.StartsWith("lone \uFFFD surrogate", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_writer_appends()
    {
        using var dir = new TempDirectory();
        for (var run = 0; run < 2; run++)
        {
            await using var writer = QuarantineWriter.Open(dir.Path, "q.jsonl");
            await writer.WriteAsync(new QuarantinedRecord(new ShardId("s"), run, 0, "bad", "x"));
        }

        Assert.Equal(2, (await File.ReadAllLinesAsync(Path.Combine(dir.Path, "q.jsonl"))).Length);
    }

    [Fact]
    public async Task Reader_entries_round_trip_through_the_writer()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.jsonl", [.. "{\"text\":\"ok\"}\n{\"text\":\""u8.ToArray(), 0xFF, 0xFE, .. "\"}\n[]\n"u8.ToArray()]);
        var bad = (await Records.ReadAllAsync(path)).OfType<QuarantinedRecord>().ToList();
        Assert.Equal(2, bad.Count);
        await using (var writer = QuarantineWriter.Open(Path.Combine(dir.Path, "q")))
        {
            foreach (var entry in bad)
            {
                await writer.WriteAsync(entry);
            }
        }

        var bytes = await File.ReadAllBytesAsync(Path.Combine(dir.Path, "q", QuarantineWriter.DefaultFileName));
        Assert.True(Utf8.IsValid(bytes));
        Assert.Equal(2, bytes.Count(b => b == (byte)'\n'));
    }
}
