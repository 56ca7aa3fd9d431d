using Actors.Parquet;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Parquet.Tests;

public sealed class RoundTripTests
{
    private static readonly ParquetCodec[] _codecs = [ParquetCodec.None, ParquetCodec.Snappy, ParquetCodec.Gzip];

    private static ParquetWriterOptions RandomOptions(Random random) => new()
    {
        Codec = _codecs[random.Next(3)],
        DataPageVersion = random.Next(1, 3),
        DictionaryPageSizeLimit = new[] { 0, 48, 1 << 20 }[random.Next(3)],
        PageSize = new[] { 1, 100, 1 << 20 }[random.Next(3)],
        RowGroupSize = new[] { 1L, 2000, 64L << 20 }[random.Next(3)],
        WriteStatistics = random.Next(4) != 0,
    };

    [Fact]
    public void Random_schemas_and_values_read_back_unchanged()
    {
        // FsCheck picks the seeds and sizes; the schema, the options and the rows are derived from them.
        var property = Prop.ForAll(
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            Gen.Choose(0, 120).ToArbitrary(),
            (seed, rowCount) =>
            {
                var random = new Random(seed);
                var schema = TestData.RandomSchema(random);
                var options = RandomOptions(random);
                var rows = TestData.Rows(schema, rowCount, random);
                byte[] file = TestData.WriteAsync(schema, rows, options).GetAwaiter().GetResult();
                var actual = TestData.ReadJsonAsync(file).GetAwaiter().GetResult();
                var expected = rows.Select(r => TestData.Json(schema, r)).ToList();
                return expected.SequenceEqual(actual);
            });
        property.Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Theory]
    [InlineData(ParquetCodec.None, 1)]
    [InlineData(ParquetCodec.Snappy, 1)]
    [InlineData(ParquetCodec.Gzip, 1)]
    [InlineData(ParquetCodec.None, 2)]
    [InlineData(ParquetCodec.Snappy, 2)]
    [InlineData(ParquetCodec.Gzip, 2)]
    public async Task Every_kind_round_trips_with_each_codec_and_page_version(ParquetCodec codec, int pageVersion)
    {
        var schema = TestData.AllKinds();
        var rows = TestData.Rows(schema, 2500, new Random(7));
        var options = new ParquetWriterOptions { Codec = codec, DataPageVersion = pageVersion, PageSize = 2048, RowGroupSize = 64 * 1024 };
        byte[] file = await TestData.WriteAsync(schema, rows, options, new Dictionary<string, string> { ["origin"] = "test", ["ünï"] = "😀" });

        Assert.Equal(rows.Select(r => TestData.Json(schema, r)), await TestData.ReadJsonAsync(file));
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(file));
        Assert.True(reader.RowGroupCount > 1, $"expected several row groups, got {reader.RowGroupCount}");
        Assert.Equal("😀", reader.CustomMetadata["ünï"]);
        Assert.StartsWith("Actors.Parquet version ", reader.CreatedBy, StringComparison.Ordinal);
        Assert.All(reader.RowGroups.SelectMany(g => g.Columns), c => Assert.Equal(codec switch
        {
            ParquetCodec.None => "UNCOMPRESSED",
            ParquetCodec.Snappy => "SNAPPY",
            _ => "GZIP",
        }, c.Codec));
    }

    [Theory]
    [InlineData(ParquetCodec.Snappy, 1)]
    [InlineData(ParquetCodec.Snappy, 2)]
    [InlineData(ParquetCodec.Gzip, 1)]
    public async Task Parallel_page_encoding_writes_the_same_bytes_as_serial(ParquetCodec codec, int pageVersion)
    {
        var schema = TestData.AllKinds();
        var rows = TestData.Rows(schema, 3000, new Random(5));
        var serial = new ParquetWriterOptions { Codec = codec, DataPageVersion = pageVersion, PageSize = 1024, MaxDegreeOfParallelism = 1 };
        byte[] expected = await TestData.WriteAsync(schema, rows, serial);
        byte[] actual = await TestData.WriteAsync(schema, rows, serial with { MaxDegreeOfParallelism = 4 });
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(ParquetCodec.Snappy)]
    [InlineData(ParquetCodec.None)]
    public async Task Background_row_group_writes_give_the_same_bytes_as_foreground(ParquetCodec codec)
    {
        // Small row groups so the 3000 rows make many, each written while the next one fills.
        var schema = TestData.AllKinds();
        var rows = TestData.Rows(schema, 3000, new Random(11));
        var foreground = new ParquetWriterOptions { Codec = codec, RowGroupSize = 16 * 1024, PageSize = 1024, BackgroundRowGroupWrites = false };
        byte[] expected = await TestData.WriteAsync(schema, rows, foreground);
        byte[] actual = await TestData.WriteAsync(schema, rows, foreground with { BackgroundRowGroupWrites = true });
        Assert.Equal(expected, actual);

        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(actual));
        Assert.True(reader.RowGroupCount > 5, $"expected many row groups, got {reader.RowGroupCount}");
        Assert.Equal(rows.Count, reader.RowCount);
    }

    [Fact]
    public async Task Counts_include_a_row_group_being_written_in_the_background()
    {
        var schema = new ParquetSchema(ParquetField.String("text", nullable: false));
        using var stream = new MemoryStream();
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetWriterOptions { RowGroupSize = 1024 });
        for (int i = 0; i < 1000; i++)
        {
            await writer.WriteRowAsync([new string('x', 100)]);
            Assert.Equal(i + 1, writer.RowCount);
        }

        Assert.Throws<InvalidOperationException>(() => writer.CreateRowGroup());
        await writer.FlushRowGroupAsync();
        Assert.Equal(1000, writer.RowCount);
        Assert.Equal(0, writer.BufferedRows);
        await using (var rowGroup = writer.CreateRowGroup())
        {
            // The low-level API is open again once everything is flushed.
            await rowGroup.WriteColumnAsync(new ParquetColumn(schema["text"], new[] { "last" }));
        }

        Assert.Equal(1001, writer.RowCount);
    }

    [Fact]
    public async Task Empty_file_has_no_row_groups_and_reads_back_empty()
    {
        var schema = TestData.AllKinds();
        byte[] file = await TestData.WriteAsync(schema, [], new ParquetWriterOptions());
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(file));
        Assert.Equal(0, reader.RowGroupCount);
        Assert.Equal(0, reader.RowCount);
        Assert.Equal(schema.Fields.Select(f => f.ToString()), reader.Schema.Fields.Select(f => f.ToString()));
    }

    [Fact]
    public async Task Low_level_column_api_round_trips()
    {
        var schema = new ParquetSchema(ParquetField.Int32("id"), ParquetField.String("name"), ParquetField.Double("score", nullable: true), ParquetField.StringList("tags"));
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            await using (var rowGroup = writer.CreateRowGroup())
            {
                await rowGroup.WriteColumnAsync(new ParquetColumn(schema["id"], new[] { 1, 2, 3, 4 }));
                await rowGroup.WriteColumnAsync(new ParquetColumn(schema["name"], new[] { "a", null, "", "😀" }));
                await rowGroup.WriteColumnAsync(new ParquetColumn(schema["score"], new double?[] { 1.5, null, double.NaN, -0.0 }));
                await rowGroup.WriteColumnAsync(new ParquetColumn(schema["tags"], new IReadOnlyList<string?>?[] { null, [], ["a", null, "b"], ["c"] }));
            }
        }

        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(stream.ToArray()));
        var tags = (IReadOnlyList<string?>?[])(await reader.ReadColumnAsync(0, schema["tags"])).Data;
        Assert.Null(tags[0]);
        Assert.Empty(tags[1]!);
        Assert.Equal(new string?[] { "a", null, "b" }, tags[2]!.ToArray());
        Assert.Equal(new string?[] { "c" }, tags[3]!.ToArray());
        var names = (string?[])(await reader.ReadColumnAsync(0, schema["name"])).Data;
        Assert.Equal(new string?[] { "a", null, "", "😀" }, names);
        var scores = (double?[])(await reader.ReadColumnAsync(0, schema["score"])).Data;
        Assert.True(double.IsNaN(scores[2]!.Value));
        Assert.True(double.IsNegative(scores[3]!.Value));
    }
}
