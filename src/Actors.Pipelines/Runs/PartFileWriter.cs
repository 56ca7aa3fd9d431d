using System.Text.Encodings.Web;
using System.Text.Json;
using Actors.Parquet;

namespace Actors.Pipelines.Runs;

/// <summary>
/// Writes one part file of a dataset the durable way: <c>PATH.tmp</c>, flush, fsync, rename. When it
/// returns, the file is complete under its final name (or nothing is there, if it threw).
/// </summary>
internal static class PartFileWriter
{
    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/> and returns the file's size in bytes.</summary>
    public static async Task<long> WriteAsync(
        string path,
        DatasetSpec dataset,
        IReadOnlyList<object?[]> rows,
        ParquetWriterOptions options,
        IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (dataset.Format == DatasetFormat.Parquet)
        {
            var sink = await ParquetFileSink.CreateAsync(path, dataset.Schema, options, cancellationToken).ConfigureAwait(false);
            await using var sinkScope = sink.ConfigureAwait(false);
            foreach (var (key, value) in metadata)
            {
                sink.Writer.CustomMetadata[key] = value;
            }

            foreach (var row in rows)
            {
                await sink.Writer.WriteRowAsync(row, cancellationToken).ConfigureAwait(false);
            }

            await sink.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var file = AtomicFile.Create(path);
            await using var fileScope = file.ConfigureAwait(false);
            var json = new Utf8JsonWriter(file.Stream, s_json);
            await using (json.ConfigureAwait(false))
            {
                foreach (var row in rows)
                {
                    WriteJsonRow(json, dataset.Schema, row);
                    await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                    file.Stream.WriteByte((byte)'\n');
                    json.Reset();
                }
            }

            await file.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return new FileInfo(path).Length;
    }

    /// <summary>One row as a JSON object, field names from the schema.</summary>
    internal static void WriteJsonRow(Utf8JsonWriter json, ParquetSchema schema, IReadOnlyList<object?> row)
    {
        json.WriteStartObject();
        for (int i = 0; i < schema.Fields.Count; i++)
        {
            json.WritePropertyName(schema.Fields[i].Name);
            WriteJsonValue(json, row[i]);
        }

        json.WriteEndObject();
    }

    private static void WriteJsonValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case double d:
                json.WriteStringValue(d.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case DateTimeOffset t:
                json.WriteStringValue(t.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case DateTime t:
                json.WriteStringValue(t.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case IEnumerable<string?> list:
                json.WriteStartArray();
                foreach (var element in list)
                {
                    if (element is null)
                    {
                        json.WriteNullValue();
                    }
                    else
                    {
                        json.WriteStringValue(element);
                    }
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }
}
