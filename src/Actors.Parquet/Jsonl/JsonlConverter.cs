using System.Text;
using System.Text.Json;

namespace Actors.Parquet.Jsonl;

/// <summary>
/// Converts JSON Lines to Parquet in two passes: the first infers a flat schema (strings, integers
/// as INT64, doubles, booleans, arrays of strings; a key missing or null anywhere makes the column
/// nullable), the second writes the rows. A record that does not fit (another type than its
/// column's, an integer a double column cannot hold exactly, nested objects, invalid JSON) is never
/// changed: it is reported with its line number and, unless a quarantine file is given, the output
/// is not written at all.
/// </summary>
public static class JsonlConverter
{
    private static readonly JsonSerializerOptions _quarantineJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Converts <paramref name="inputPath"/> to <paramref name="outputPath"/> (written atomically).
    /// <paramref name="onRejected"/> hears about every record that does not fit. With a
    /// <paramref name="quarantinePath"/>, rejected records go there as JSON lines (line, reason,
    /// record) and the others are written; without one, any rejection leaves no output file.
    /// Throws <see cref="FormatException"/> when no schema can be inferred.
    /// </summary>
    public static async Task<JsonlConversionResult> ConvertAsync(
        string inputPath,
        string outputPath,
        ParquetWriterOptions options,
        string? quarantinePath,
        Action<JsonlRejectedRecord>? onRejected,
        CancellationToken cancellationToken = default)
    {
        var schema = await InferSchemaAsync(inputPath, cancellationToken).ConfigureAwait(false);
        var sink = await ParquetFileSink.CreateAsync(outputPath, schema, options, cancellationToken).ConfigureAwait(false);
        var quarantine = quarantinePath is null ? null : AtomicFile.Create(quarantinePath);
        try
        {
            long rejected = await WriteRowsAsync(inputPath, schema, sink.Writer, quarantine, onRejected, cancellationToken).ConfigureAwait(false);
            if (rejected > 0 && quarantine is null)
            {
                return new JsonlConversionResult(schema, 0, rejected, OutputWritten: false);
            }

            long rows = sink.Writer.RowCount;
            await sink.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (quarantine is not null)
            {
                await quarantine.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return new JsonlConversionResult(schema, rows, rejected, OutputWritten: true);
        }
        finally
        {
            // Uncommitted files are deleted here, so a failed conversion leaves only what it had before.
            await sink.DisposeAsync().ConfigureAwait(false);
            if (quarantine is not null)
            {
                await quarantine.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<long> WriteRowsAsync(string inputPath, ParquetSchema schema, ParquetWriter writer, AtomicFile? quarantine, Action<JsonlRejectedRecord>? onRejected, CancellationToken cancellationToken)
    {
        var quarantineWriter = quarantine is null ? null : new StreamWriter(quarantine.Stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        long rejected = 0;
        var values = new object?[schema.Fields.Count];
        long lineNumber = 0;
        await foreach (string line in ReadLinesAsync(inputPath, cancellationToken).ConfigureAwait(false))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string? problem = TryConvert(line, schema, values);
            if (problem is null)
            {
                await writer.WriteRowAsync(values, cancellationToken).ConfigureAwait(false);
                continue;
            }

            rejected++;
            onRejected?.Invoke(new JsonlRejectedRecord(lineNumber, problem));
            if (quarantineWriter is not null)
            {
                await quarantineWriter.WriteLineAsync(JsonSerializer.Serialize(new { line = lineNumber, reason = problem, record = line }, _quarantineJson)).ConfigureAwait(false);
            }
        }

        if (quarantineWriter is not null)
        {
            await quarantineWriter.DisposeAsync().ConfigureAwait(false);
        }

        return rejected;
    }

    /// <summary>First pass: the flat schema the records imply, columns in order of first appearance.</summary>
    public static async Task<ParquetSchema> InferSchemaAsync(string inputPath, CancellationToken cancellationToken = default)
    {
        var columns = new List<JsonlColumnStats>();
        var byName = new Dictionary<string, JsonlColumnStats>(StringComparer.Ordinal);
        int records = 0;
        await foreach (string line in ReadLinesAsync(inputPath, cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(line) || !TryParseObject(line, out var document))
            {
                continue;
            }

            using (document)
            {
                foreach (var property in document!.RootElement.EnumerateObject())
                {
                    if (!byName.TryGetValue(property.Name, out var stats))
                    {
                        stats = new JsonlColumnStats(property.Name, records);
                        byName.Add(property.Name, stats);
                        columns.Add(stats);
                    }

                    stats.Present++;
                    Observe(stats, property.Value);
                }
            }

            records++;
        }

        if (records == 0)
        {
            throw new FormatException($"{inputPath} holds no JSON object records, so no schema can be inferred.");
        }

        return new ParquetSchema([.. columns.Select(c => ToField(c, records, inputPath))]);
    }

    private static void Observe(JsonlColumnStats stats, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                stats.SawNull = true;
                break;
            case JsonValueKind.String:
                stats.Count(JsonlColumnKind.String);
                break;
            case JsonValueKind.True or JsonValueKind.False:
                stats.Count(JsonlColumnKind.Boolean);
                break;
            case JsonValueKind.Number:
                stats.Count(IsIntegerLiteral(value) && value.TryGetInt64(out _) ? JsonlColumnKind.Integer : JsonlColumnKind.Double);
                break;
            case JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind is JsonValueKind.String or JsonValueKind.Null):
                stats.Count(JsonlColumnKind.StringArray);
                stats.SawNullElement |= value.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Null);
                break;
            default:
                stats.Count(JsonlColumnKind.Other);
                break;
        }
    }

    private static ParquetField ToField(JsonlColumnStats stats, int records, string inputPath)
    {
        bool nullable = stats.SawNull || stats.Present < records;
        return stats.Resolve() switch
        {
            null or JsonlColumnKind.String => ParquetField.String(stats.Name, nullable),
            JsonlColumnKind.Integer => ParquetField.Int64(stats.Name, nullable),
            JsonlColumnKind.Double => ParquetField.Double(stats.Name, nullable),
            JsonlColumnKind.Boolean => ParquetField.Boolean(stats.Name, nullable),
            JsonlColumnKind.StringArray => ParquetField.StringList(stats.Name, nullable, stats.SawNullElement),
            _ => throw new FormatException(
                $"{inputPath}: column '{stats.Name}' mostly holds nested objects or arrays of non-strings; convert supports flat records of strings, integers, doubles, booleans, nulls and arrays of strings."),
        };
    }

    /// <summary>Second pass: the record's values in schema order, or why it does not fit.</summary>
    private static string? TryConvert(string line, ParquetSchema schema, object?[] values)
    {
        if (!TryParseObject(line, out var document))
        {
            return "not a JSON object";
        }

        using (document)
        {
            Array.Clear(values);
            foreach (var property in document!.RootElement.EnumerateObject())
            {
                if (!schema.TryGetIndex(property.Name, out int index))
                {
                    return $"key '{property.Name}' is not in the inferred schema";
                }

                var field = schema.Fields[index];
                string? problem = TryConvertValue(field, property.Value, out values[index]);
                if (problem is not null)
                {
                    return $"column '{field.Name}': {problem}";
                }
            }
        }

        return null;
    }

    private static string? TryConvertValue(ParquetField field, JsonElement value, out object? result)
    {
        result = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        try
        {
            switch (field.Kind)
            {
                case ParquetValueKind.String when value.ValueKind == JsonValueKind.String:
                    result = value.GetString();
                    return null;
                case ParquetValueKind.Int64 when value.ValueKind == JsonValueKind.Number:
                    if (IsIntegerLiteral(value) && value.TryGetInt64(out long l))
                    {
                        result = l;
                        return null;
                    }

                    return $"the column holds integers but the value is {value.GetRawText()}";
                case ParquetValueKind.Double when value.ValueKind == JsonValueKind.Number:
                    if (IsIntegerLiteral(value) && !(value.TryGetInt64(out long n) && (long)(double)n == n && n != long.MaxValue))
                    {
                        return $"integer {value.GetRawText()} cannot be stored exactly as a double";
                    }

                    if (!value.TryGetDouble(out double d) || !double.IsFinite(d))
                    {
                        return $"number {value.GetRawText()} is outside the double range";
                    }

                    result = d;
                    return null;
                case ParquetValueKind.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    result = value.GetBoolean();
                    return null;
                case ParquetValueKind.StringList when value.ValueKind == JsonValueKind.Array:
                    var list = new List<string?>();
                    foreach (var element in value.EnumerateArray())
                    {
                        if (element.ValueKind == JsonValueKind.Null && field.ElementsNullable)
                        {
                            list.Add(null);
                        }
                        else if (element.ValueKind == JsonValueKind.String)
                        {
                            list.Add(element.GetString());
                        }
                        else
                        {
                            return $"the column holds arrays of strings but an element is {element.ValueKind.ToString().ToLowerInvariant()}";
                        }
                    }

                    result = list;
                    return null;
                default:
                    return $"the column holds {Describe(field.Kind)} but the value is {Describe(value)}";
            }
        }
        catch (InvalidOperationException e)
        {
            // GetString throws for escapes that are not valid UTF-16 (a lone surrogate).
            return $"the value cannot be read as text ({e.Message})";
        }
    }

    private static bool IsIntegerLiteral(JsonElement number) => number.GetRawText().AsSpan().IndexOfAny(".eE") < 0;

    private static string Describe(ParquetValueKind kind) => kind switch
    {
        ParquetValueKind.String => "strings",
        ParquetValueKind.Int64 => "integers",
        ParquetValueKind.Double => "numbers",
        ParquetValueKind.Boolean => "booleans",
        _ => "arrays of strings",
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static bool TryParseObject(string line, out JsonDocument? document)
    {
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            document = null;
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            document = null;
            return false;
        }

        return true;
    }

    private static async IAsyncEnumerable<string> ReadLinesAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            yield return line;
        }
    }

}
