using System.Text.Json.Nodes;
using Actors.Parquet;
using Actors.Parquet.Jsonl;

namespace Actors.Parquet.Tests;

public sealed class ConvertTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "actors-convert-" + Guid.NewGuid().ToString("N"));

    public ConvertTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string[] GeneratedJsonl(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var o = new JsonObject
            {
                ["instruction"] = TestData.RandomString(random, i),
                ["input"] = random.Next(4) == 0 ? null : TestData.RandomString(random, i),
                ["score"] = random.Next(3) == 0 ? (JsonNode)random.Next(1, 6) : random.NextDouble() * 5,
                ["count"] = random.NextInt64(-1L << 60, 1L << 60),
                ["ok"] = random.Next(2) == 0,
                ["tags"] = new JsonArray([.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => (JsonNode?)(random.Next(5) == 0 ? null : TestData.RandomString(random, i)))]),
            };
            if (i > 0 && random.Next(6) == 0)
            {
                o.Remove("ok");
            }

            return o.ToJsonString();
        })];
    }

    [Fact]
    public async Task Converted_rows_read_back_equal_the_input()
    {
        string input = Path.Combine(_directory, "in.jsonl");
        string output = Path.Combine(_directory, "out.parquet");
        string[] lines = GeneratedJsonl(700, 11);
        await File.WriteAllLinesAsync(input, lines);

        var result = await JsonlConverter.ConvertAsync(input, output, new ParquetWriterOptions { RowGroupSize = 16 * 1024 }, null, _ => Assert.Fail("no record should be rejected"));

        Assert.True(result.OutputWritten);
        Assert.Equal(["instruction: required string", "input: optional string", "score: required double", "count: required int64", "ok: optional boolean", "tags: required list<optional string>"],
            result.Schema.Fields.Select(f => f.ToString()));
        byte[] file = await File.ReadAllBytesAsync(output);
        var actual = await TestData.ReadJsonAsync(file);
        for (int i = 0; i < lines.Length; i++)
        {
            var expected = JsonNode.Parse(lines[i])!.AsObject();
            expected["ok"] ??= null;
            Assert.True(TestData.JsonEquals(expected, JsonNode.Parse(actual[i])), $"line {i + 1}: {lines[i]} read back as {actual[i]}");
        }
    }

    [Fact]
    public async Task Records_that_do_not_fit_are_reported_with_line_numbers_and_nothing_is_written()
    {
        string input = Path.Combine(_directory, "in.jsonl");
        string output = Path.Combine(_directory, "out.parquet");
        await File.WriteAllLinesAsync(input, [
            """{"a": "x", "n": 1}""",
            """{"a": "y", "n": 2}""",
            "",
            """{"a": 3, "n": 3}""",
            "not json",
            """{"a": "z", "n": 1.5}""",
            """{"a": "w", "n": 9007199254740993}""",
            """{"a": "v", "n": 4}""",
        ]);
        var rejected = new List<JsonlRejectedRecord>();

        var result = await JsonlConverter.ConvertAsync(input, output, new ParquetWriterOptions(), null, rejected.Add);

        Assert.False(result.OutputWritten);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".tmp"));
        Assert.Equal([4L, 5L, 7L], rejected.Select(r => r.Line));
        Assert.Contains("'a'", rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("exactly", rejected[2].Reason, StringComparison.Ordinal);

        string quarantine = Path.Combine(_directory, "bad.jsonl");
        result = await JsonlConverter.ConvertAsync(input, output, new ParquetWriterOptions(), quarantine, null);
        Assert.True(result.OutputWritten);
        Assert.Equal(4, result.RowsWritten);
        Assert.Equal(3, (await File.ReadAllLinesAsync(quarantine)).Length);
    }

    [VerifierFact]
    public async Task Converted_files_pass_strict_verification_with_every_codec()
    {
        string input = Path.Combine(_directory, "in.jsonl");
        string[] lines = GeneratedJsonl(400, 5);
        await File.WriteAllLinesAsync(input, lines);
        var outputs = new List<string>();
        foreach (var codec in new[] { ParquetCodec.None, ParquetCodec.Snappy, ParquetCodec.Gzip })
        {
            string output = Path.Combine(_directory, $"out-{codec}.parquet");
            await JsonlConverter.ConvertAsync(input, output, new ParquetWriterOptions { Codec = codec, RowGroupSize = 8 * 1024 }, null, null);
            outputs.Add(output);
        }

        foreach (var result in ParquetVerifier.Run(outputs, lines.Length))
        {
            Assert.True(result.Ok, $"{result.File}: {result.Problems}");
            for (int i = 0; i < lines.Length; i++)
            {
                var expected = JsonNode.Parse(lines[i])!.AsObject();
                expected["ok"] ??= null;
                Assert.True(TestData.JsonEquals(expected, result.Rows[i]), $"{result.File} line {i + 1}: {lines[i]} verified as {result.Rows[i].ToJsonString()}");
            }
        }
    }
}
