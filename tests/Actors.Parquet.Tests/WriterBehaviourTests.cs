using Actors.Parquet;

namespace Actors.Parquet.Tests;

public sealed class WriterBehaviourTests
{
    [Fact]
    public async Task Record_api_never_buffers_more_than_one_row_group()
    {
        var schema = new ParquetSchema(ParquetField.Int64("id"), ParquetField.String("text"), ParquetField.StringList("tags"));
        var options = new ParquetWriterOptions { RowGroupSize = 32 * 1024 };
        using var stream = new MemoryStream();
        long maxBuffered = 0;
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream, options))
        {
            for (int i = 0; i < 20_000; i++)
            {
                await writer.WriteRowAsync(new object?[] { (long)i, $"row {i} with some text", new[] { "a", $"t{i % 10}" } });
                maxBuffered = Math.Max(maxBuffered, writer.BufferedBytes);
            }

            Assert.True(writer.RowGroupCount >= 10, $"expected many row groups, got {writer.RowGroupCount}");
        }

        // The buffer is flushed as soon as it reaches the target, so it never exceeds it by more than one row.
        Assert.True(maxBuffered < options.RowGroupSize + 100, $"buffered up to {maxBuffered} bytes for a {options.RowGroupSize}-byte row group");
        Assert.Equal(20_000, (await TestData.ReadJsonAsync(stream.ToArray())).Count);
    }

    [Fact]
    public async Task A_row_that_does_not_fit_is_rejected_whole_and_names_row_and_column()
    {
        var schema = new ParquetSchema(ParquetField.Int32("a"), ParquetField.String("b", nullable: false));
        using var stream = new MemoryStream();
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        await writer.WriteRowAsync(new Dictionary<string, object?> { ["a"] = 1, ["b"] = "x" });

        var wrongType = await Assert.ThrowsAsync<ArgumentException>(async () => await writer.WriteRowAsync(new Dictionary<string, object?> { ["a"] = 2, ["b"] = 3 }));
        Assert.Contains("Row 1", wrongType.Message, StringComparison.Ordinal);
        Assert.Contains("'b'", wrongType.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<ArgumentException>(async () => await writer.WriteRowAsync(new Dictionary<string, object?> { ["a"] = 2 }));
        Assert.Contains("required", missing.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(async () => await writer.WriteRowAsync(new Dictionary<string, object?> { ["a"] = 2, ["b"] = "y", ["c"] = 1 }));
        await Assert.ThrowsAsync<ArgumentException>(async () => await writer.WriteRowAsync(new object?[] { 1, "x", DateTime.Now }));

        Assert.Equal(1, writer.BufferedRows);
    }

    [Fact]
    public async Task Unspecified_DateTime_is_rejected_and_utc_DateTime_is_stored_exactly()
    {
        var schema = new ParquetSchema(ParquetField.Timestamp("t"));
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            await Assert.ThrowsAsync<ArgumentException>(async () => await writer.WriteRowAsync(new object?[] { new DateTime(2024, 1, 1) }));
            await writer.WriteRowAsync(new object?[] { new DateTime(2024, 1, 1, 12, 0, 0, 5, DateTimeKind.Utc) });
        }

        Assert.Equal("{\"t\":\"2024-01-01T12:00:00.005Z\"}", Assert.Single(await TestData.ReadJsonAsync(stream.ToArray())));
    }

    [Fact]
    public async Task File_sink_writes_to_tmp_and_renames_only_on_commit()
    {
        string directory = Path.Combine(Path.GetTempPath(), "actors-sink-" + Guid.NewGuid().ToString("N"));
        string path = Path.Combine(directory, "part-0.parquet");
        var schema = new ParquetSchema(ParquetField.Int32("x"));
        try
        {
            await using (var sink = await ParquetFileSink.CreateAsync(path, schema))
            {
                await sink.Writer.WriteRowAsync(new object?[] { 1 });
                await sink.Writer.FlushRowGroupAsync();
                Assert.True(File.Exists(path + ".tmp"));
                Assert.False(File.Exists(path));
            }

            // Disposed without a commit: nothing under either name.
            Assert.False(File.Exists(path + ".tmp"));
            Assert.False(File.Exists(path));

            await using (var sink = await ParquetFileSink.CreateAsync(path, schema))
            {
                await sink.Writer.WriteRowAsync(new object?[] { 7 });
                await sink.CommitAsync();
            }

            Assert.False(File.Exists(path + ".tmp"));
            await using var reader = await ParquetReader.OpenAsync(path);
            Assert.Equal(1, reader.RowCount);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Truncated_file_is_reported_as_such()
    {
        byte[] file = await TestData.WriteAsync(new ParquetSchema(ParquetField.Int32("x")), [[1], [2]], new ParquetWriterOptions());
        var error = await Assert.ThrowsAsync<ParquetFormatException>(() => ParquetReader.CreateAsync(new MemoryStream(file[..^3])));
        Assert.Contains("PAR1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("64MiB", 64L << 20)]
    [InlineData("1 GB", 1_000_000_000L)]
    [InlineData("1048576", 1048576L)]
    [InlineData("512k", 512L * 1024)]
    [InlineData("1.5 KiB", 1536L)]
    public void Sizes_parse_like_hocon(string text, long bytes)
    {
        Assert.True(Actors.Parquet.Jsonl.ByteSize.TryParse(text, out long parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ten MB")]
    [InlineData("1 parsec")]
    [InlineData("0.5 B")]
    public void Bad_sizes_are_refused(string text) => Assert.False(Actors.Parquet.Jsonl.ByteSize.TryParse(text, out _));
}
