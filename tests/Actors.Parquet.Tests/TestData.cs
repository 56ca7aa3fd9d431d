using System.Text.Json.Nodes;
using Actors.Parquet;

namespace Actors.Parquet.Tests;

/// <summary>Schemas and rows that exercise every column kind and the awkward values.</summary>
internal static class TestData
{
    public static readonly string[] InterestingStrings =
    [
        "", "a", "hé", "😀", "\uFFFD", "a😀b", "line\nbreak", "tab\tquote\"", "日本語テキスト", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \U0001F600\U0001F601",
        new string('x', 200), string.Concat(Enumerable.Repeat("😀é", 300)),
    ];

    public static readonly double[] InterestingDoubles =
    [
        0.0, -0.0, 1.5, -2.25, double.MaxValue, double.MinValue, double.Epsilon, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-300, 0.1,
    ];

    /// <summary>One column of every kind, required and optional, and three list shapes.</summary>
    public static ParquetSchema AllKinds() => new(
        ParquetField.String("s_req", nullable: false),
        ParquetField.String("s_opt"),
        ParquetField.String("s_cat"),
        ParquetField.Int32("i32_req"),
        ParquetField.Int32("i32_opt", nullable: true),
        ParquetField.Int64("i64_req"),
        ParquetField.Int64("i64_opt", nullable: true),
        ParquetField.Double("d_req"),
        ParquetField.Double("d_opt", nullable: true),
        ParquetField.Boolean("b_req"),
        ParquetField.Boolean("b_opt", nullable: true),
        ParquetField.Timestamp("ts_req"),
        ParquetField.Timestamp("ts_opt", nullable: true),
        ParquetField.StringList("tags"),
        ParquetField.StringList("tags_req", nullable: false, elementsNullable: false),
        ParquetField.StringList("tags_mixed", nullable: false, elementsNullable: true));

    public static ParquetField RandomField(Random random, string name)
    {
        bool nullable = random.Next(2) == 0;
        return random.Next(7) switch
        {
            0 => ParquetField.String(name, nullable),
            1 => ParquetField.Int32(name, nullable),
            2 => ParquetField.Int64(name, nullable),
            3 => ParquetField.Double(name, nullable),
            4 => ParquetField.Boolean(name, nullable),
            5 => ParquetField.Timestamp(name, nullable),
            _ => ParquetField.StringList(name, nullable, random.Next(2) == 0),
        };
    }

    public static ParquetSchema RandomSchema(Random random)
    {
        int count = random.Next(1, 7);
        return new ParquetSchema([.. Enumerable.Range(0, count).Select(i => RandomField(random, $"c{i}"))]);
    }

    public static List<object?[]> Rows(ParquetSchema schema, int count, Random random) =>
        [.. Enumerable.Range(0, count).Select(i => schema.Fields.Select(f => Value(f, i, random)).ToArray())];

    public static object? Value(ParquetField field, int row, Random random)
    {
        if (field.IsNullable && random.Next(5) == 0)
        {
            return null;
        }

        return field.Kind switch
        {
            ParquetValueKind.String when field.Name == "s_cat" => $"cat_{row % 4}",
            ParquetValueKind.String => RandomString(random, row),
            ParquetValueKind.Int32 => random.Next(4) == 0 ? (random.Next(2) == 0 ? int.MinValue : int.MaxValue) : random.Next(-1000, 1000),
            ParquetValueKind.Int64 => random.Next(4) == 0 ? (random.Next(2) == 0 ? long.MinValue : long.MaxValue) : random.NextInt64(-1L << 40, 1L << 40),
            ParquetValueKind.Double => random.Next(3) == 0 ? InterestingDoubles[random.Next(InterestingDoubles.Length)] : (random.NextDouble() - 0.5) * 1e6,
            ParquetValueKind.Boolean => random.Next(2) == 0,
            ParquetValueKind.Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(random.NextInt64(-62_135_596_800_000L, 253_402_300_799_999L)),
            _ => RandomList(field, random, row),
        };
    }

    public static string RandomString(Random random, int row) => random.Next(4) switch
    {
        0 => InterestingStrings[random.Next(InterestingStrings.Length)],
        1 => $"value {row % 37}",
        2 => $"unique {row} {random.Next()}",
        _ => new string([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => (char)random.Next(0x20, 0xD7FF))]),
    };

    private static string?[] RandomList(ParquetField field, Random random, int row)
    {
        int length = random.Next(4) == 0 ? 0 : random.Next(1, 5);
        return [.. Enumerable.Range(0, length).Select(_ => field.ElementsNullable && random.Next(4) == 0 ? null : RandomString(random, row))];
    }

    public static IReadOnlyDictionary<string, object?> AsDictionary(ParquetSchema schema, object?[] values) =>
        schema.Fields.Select((f, i) => (f.Name, values[i])).ToDictionary(p => p.Name, p => p.Item2);

    /// <summary>The row as parquet-verify would print it.</summary>
    public static string Json(ParquetSchema schema, object?[] values) =>
        ParquetJson.FormatRow(schema.Fields.Select((f, i) => new KeyValuePair<string, object?>(f.Name, values[i])));

    /// <summary>Writes rows with the record API into memory and returns the file bytes.</summary>
    public static async Task<byte[]> WriteAsync(ParquetSchema schema, IEnumerable<object?[]> rows, ParquetWriterOptions options, IDictionary<string, string>? metadata = null)
    {
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream, options))
        {
            foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
            {
                writer.CustomMetadata[key] = value;
            }

            foreach (object?[] row in rows)
            {
                await writer.WriteRowAsync(row);
            }
        }

        return stream.ToArray();
    }

    public static async Task<List<string>> ReadJsonAsync(byte[] file)
    {
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(file));
        var rows = new List<string>();
        await foreach (var row in reader.ReadRowsAsync())
        {
            rows.Add(ParquetJson.FormatRow(reader.Schema.Fields.Select(f => new KeyValuePair<string, object?>(f.Name, row[f.Name]))));
        }

        return rows;
    }

    /// <summary>Semantic JSON equality: numbers by value, objects by key.</summary>
    public static bool JsonEquals(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(p => y.ContainsKey(p.Key) && JsonEquals(p.Value, y[p.Key])),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => JsonEquals(p.First, p.Second)),
        (JsonValue x, JsonValue y) when x.GetValueKind() == System.Text.Json.JsonValueKind.Number && y.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            x.GetValue<double>() == y.GetValue<double>(),
        (JsonValue x, JsonValue y) when x.GetValueKind() == System.Text.Json.JsonValueKind.String && y.GetValueKind() == System.Text.Json.JsonValueKind.String =>
            x.GetValue<string>() == y.GetValue<string>() || SameInstant(x.GetValue<string>(), y.GetValue<string>()),
        // parquet-verify prints 64-bit integers beyond 2^53 as decimal strings.
        (JsonValue x, JsonValue y) when x.GetValueKind() == System.Text.Json.JsonValueKind.Number && y.GetValueKind() == System.Text.Json.JsonValueKind.String =>
            x.ToJsonString() == y.GetValue<string>(),
        (JsonValue x, JsonValue y) when x.GetValueKind() == System.Text.Json.JsonValueKind.String && y.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            x.GetValue<string>() == y.ToJsonString(),
        (JsonValue x, JsonValue y) => x.ToJsonString() == y.ToJsonString(),
        _ => false,
    };

    private static bool SameInstant(string a, string b) =>
        a.Length >= 20 && b.Length >= 20 && a[10] == 'T' && b[10] == 'T' && a.EndsWith('Z') && b.EndsWith('Z')
        && DateTimeOffset.TryParse(a, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var x)
        && DateTimeOffset.TryParse(b, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var y)
        && x == y;
}
