using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Actors.Parquet;

/// <summary>
/// Formats rows as one-line JSON objects in the normalised form parquet-verify prints, so our
/// output can be compared with DuckDB's, hyparquet's and arrow-rs's: NaN and infinities as strings,
/// 64-bit integers beyond ±(2^53-1) as decimal strings, timestamps as ISO-8601 UTC with milliseconds.
/// </summary>
public static class ParquetJson
{
    private const long _maxSafeInteger = (1L << 53) - 1;

    private static readonly JsonWriterOptions _options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One row as a JSON object, columns in the dictionary's order.</summary>
    public static string FormatRow(IEnumerable<KeyValuePair<string, object?>> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, _options))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in row)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l when l is >= -_maxSafeInteger and <= _maxSafeInteger:
                writer.WriteNumberValue(l);
                break;
            case long l:
                writer.WriteStringValue(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d when double.IsNaN(d):
                writer.WriteStringValue("NaN");
                break;
            case double d when double.IsInfinity(d):
                writer.WriteStringValue(d > 0 ? "Infinity" : "-Infinity");
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case DateTimeOffset t:
                // Milliseconds, as our writer stores them; finer instants (from micro- or nanosecond files) keep microseconds.
                string format = t.UtcTicks % TimeSpan.TicksPerMillisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
                writer.WriteStringValue(t.UtcDateTime.ToString(format, CultureInfo.InvariantCulture));
                break;
            case IEnumerable<string?> list:
                writer.WriteStartArray();
                foreach (string? element in list)
                {
                    WriteValue(writer, element);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }
}
