using System.Text.Json.Nodes;
using Actors.Parquet;

namespace Actors.Parquet.Tests;

/// <summary>Files written by DuckDB (see Samples/README.md) read by our reader.</summary>
public sealed class SampleTests
{
    private static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    [Theory]
    [InlineData("duckdb-snappy.parquet", 1)]
    [InlineData("duckdb-gzip.parquet", 1)]
    [InlineData("duckdb-uncompressed.parquet", 1)]
    [InlineData("duckdb-v2-kv.parquet", 1)]
    public async Task DuckDB_file_reads_back_as_DuckDB_reads_it(string name, int rowGroups)
    {
        string[] expected = await File.ReadAllLinesAsync(SamplePath("expected.jsonl"));
        await using var reader = await ParquetReader.OpenAsync(SamplePath(name));
        Assert.Equal(rowGroups, reader.RowGroupCount);
        Assert.Equal(
            ["id: optional int32", "big: optional int64", "dbl: optional double", "flag: optional boolean", "name: optional string", "cat: optional string",
             "tags: optional list<optional string>", "ts_ms: optional timestamp", "ts_tz: optional timestamp"],
            reader.Schema.Fields.Select(f => f.ToString()));

        int i = 0;
        await foreach (var row in reader.ReadRowsAsync())
        {
            var actual = JsonNode.Parse(ParquetJson.FormatRow(reader.Schema.Fields.Select(f => new KeyValuePair<string, object?>(f.Name, row[f.Name]))));
            Assert.True(TestData.JsonEquals(JsonNode.Parse(expected[i]), actual), $"{name} row {i}: DuckDB read {expected[i]}, we read {actual!.ToJsonString()}");
            i++;
        }

        Assert.Equal(expected.Length, i);
    }

    [Fact]
    public async Task DuckDB_key_value_metadata_is_exposed()
    {
        await using var reader = await ParquetReader.OpenAsync(SamplePath("duckdb-v2-kv.parquet"));
        Assert.Equal("42", reader.CustomMetadata["answer"]);
        Assert.Equal("actors-samples", reader.CustomMetadata["origin"]);
        Assert.Contains(reader.RowGroups[0].Columns, c => c.Encodings.Contains("DELTA_BINARY_PACKED"));
    }
}
