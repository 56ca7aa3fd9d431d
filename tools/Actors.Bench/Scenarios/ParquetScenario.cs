using System.Text.Encodings.Web;
using System.Text.Json;
using Actors.Parquet;

namespace Actors.Bench.Scenarios;

/// <summary>
/// Writing instruction-like rows to Parquet with each codec, against writing the same rows as JSONL
/// with Utf8JsonWriter over a buffered FileStream, in the same process and alternating run by run.
/// Rows are generated in memory before any timing; files go to a temporary directory that is
/// deleted at the end.
/// </summary>
internal static class ParquetScenario
{
    // Both sides write through a FileStream with the same 64 KiB buffer. Neither fsyncs: that would
    // time the disk rather than the writer, and charge the bigger (JSONL) file more.
    private const int FileBufferSize = 1 << 16;

    private const double BytesPerMegabyte = 1_000_000;

    private static readonly ParquetSchema s_schema = new(
        ParquetField.String("instruction", nullable: false),
        ParquetField.String("input", nullable: false),
        ParquetField.String("output", nullable: false),
        ParquetField.Int32("score", nullable: true),
        ParquetField.StringList("tags", nullable: false, elementsNullable: false),
        ParquetField.String("run_id", nullable: false),
        ParquetField.Int32("shard"),
        ParquetField.Int64("ordinal"),
        ParquetField.String("model", nullable: false),
        ParquetField.String("prompt_template_id", nullable: false),
        ParquetField.Timestamp("created"));

    // The relaxed encoder keeps non-ASCII text as UTF-8 instead of \uXXXX escapes, as data pipelines
    // do (Python's ensure_ascii=False): smaller files and a faster baseline than the default encoder.
    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(long elements, int repeats)
    {
        var rows = InstructionRowGenerator.Generate(checked((int)elements));
        var directory = Directory.CreateTempSubdirectory("actors-bench-parquet-");
        try
        {
            var jsonlPath = Path.Combine(directory.FullName, "rows.jsonl");
            if (await WriteJsonlAsync(rows, jsonlPath) != rows.Length)
            {
                throw new InvalidOperationException("The JSONL baseline did not write every row.");
            }

            var jsonlBytes = new FileInfo(jsonlPath).Length;
            var results = new List<BenchResult>();
            foreach (var codec in new[] { ParquetCodec.None, ParquetCodec.Snappy, ParquetCodec.Gzip })
            {
                var options = new ParquetWriterOptions { Codec = codec };
                var name = codec.ToString().ToLowerInvariant();
                var parquetPath = Path.Combine(directory.FullName, $"rows.{name}.parquet");
                await WriteParquetAsync(rows, parquetPath, options);
                var parquetBytes = new FileInfo(parquetPath).Length;
                await VerifyAsync(parquetPath, rows.Length);
                results.AddRange(await MeasureAsync(rows, parquetPath, jsonlPath, jsonlBytes, options, name, repeats));
                results.Add(new("parquet", $"parquet_{name}_file_bytes", parquetBytes, jsonlBytes, "bytes"));
                File.Delete(parquetPath);
            }

            // The writer compresses a chunk's pages on all cores, while the JSONL baseline is one
            // thread; snappy again with the writer held to one thread shows the like-for-like figure.
            // The file is byte-for-byte the same (a test checks that), so its size is not repeated.
            var serial = new ParquetWriterOptions { Codec = ParquetCodec.Snappy, MaxDegreeOfParallelism = 1 };
            var serialPath = Path.Combine(directory.FullName, "rows.snappy-serial.parquet");
            results.AddRange(await MeasureAsync(rows, serialPath, jsonlPath, jsonlBytes, serial, "snappy_serial", repeats));
            return results;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<BenchResult[]> MeasureAsync(InstructionRow[] rows, string parquetPath, string jsonlPath, long jsonlBytes, ParquetWriterOptions options, string name, int repeats)
    {
        var rates = await Measure.MedianRatesAsync(
            rows.Length,
            repeats,
            () => WriteParquetAsync(rows, parquetPath, options),
            () => WriteJsonlAsync(rows, jsonlPath),
            () => Reset(parquetPath, jsonlPath));

        // MB/s counts the JSONL-equivalent bytes of the rows on both sides (not each side's own
        // output), so the two rates share a numerator and the ratio equals the rows/s ratio.
        var megabytesPerRow = jsonlBytes / BytesPerMegabyte / rows.Length;
        return
        [
            new("parquet", $"parquet_{name}_rows_per_s", rates.Value, rates.Baseline, "rows/s"),
            new("parquet", $"parquet_{name}_mb_per_s", rates.Value * megabytesPerRow, rates.Baseline * megabytesPerRow, "MB/s"),
        ];
    }

    private static async Task<long> WriteParquetAsync(InstructionRow[] rows, string path, ParquetWriterOptions options)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, FileBufferSize);
        await using var writer = await ParquetWriter.CreateAsync(s_schema, stream, options);

        // The record-level API copies the values out before returning, so one array serves every row.
        var values = new object?[s_schema.Fields.Count];
        foreach (var row in rows)
        {
            values[0] = row.Instruction;
            values[1] = row.Input;
            values[2] = row.Output;
            values[3] = row.Score;
            values[4] = row.Tags;
            values[5] = row.RunId;
            values[6] = row.Shard;
            values[7] = row.Ordinal;
            values[8] = row.Model;
            values[9] = row.PromptTemplateId;
            values[10] = row.Created;
            await writer.WriteRowAsync(values);
        }

        await writer.CompleteAsync();
        return writer.RowCount;
    }

    private static async Task<long> WriteJsonlAsync(InstructionRow[] rows, string path)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, FileBufferSize);
        await using var json = new Utf8JsonWriter(stream, s_json);
        long written = 0;
        foreach (var row in rows)
        {
            json.WriteStartObject();
            json.WriteString("instruction", row.Instruction);
            json.WriteString("input", row.Input);
            json.WriteString("output", row.Output);
            if (row.Score is { } score)
            {
                json.WriteNumber("score", score);
            }
            else
            {
                json.WriteNull("score");
            }

            json.WriteStartArray("tags");
            foreach (var tag in row.Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            json.WriteString("run_id", row.RunId);
            json.WriteNumber("shard", row.Shard);
            json.WriteNumber("ordinal", row.Ordinal);
            json.WriteString("model", row.Model);
            json.WriteString("prompt_template_id", row.PromptTemplateId);
            json.WriteString("created", row.Created);
            json.WriteEndObject();

            // Utf8JsonWriter writes one JSON document: flush the row into the stream's buffer, end
            // the line, and reset the writer for the next document.
            json.Flush();
            stream.WriteByte((byte)'\n');
            json.Reset();
            written++;
        }

        return written;
    }

    /// <summary>Reads the file back outside any timing: every row group, every column, the expected row count.</summary>
    private static async Task VerifyAsync(string path, long expectedRows)
    {
        await using var reader = await ParquetReader.OpenAsync(path);
        long rows = 0;
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            var columns = await reader.ReadRowGroupAsync(group);
            if (columns.Any(c => c.RowCount != columns[0].RowCount))
            {
                throw new InvalidOperationException($"{path}: row group {group} has columns of different lengths.");
            }

            rows += columns[0].RowCount;
        }

        if (rows != expectedRows || reader.RowCount != expectedRows)
        {
            throw new InvalidOperationException($"{path}: read back {rows} rows (footer says {reader.RowCount}), expected {expectedRows}.");
        }
    }

    private static void Reset(string parquetPath, string jsonlPath)
    {
        File.Delete(parquetPath);
        File.Delete(jsonlPath);
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }
}
