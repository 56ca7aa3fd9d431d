using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Actors.Hocon.Schema;
using Actors.Hocon.Syntax;
using Actors.Hocon.Values;

namespace Actors.Hocon.Rendering;

/// <summary>
/// Writes resolved values as JSON. Where reference.conf says a setting is a duration or a size the value is
/// written as milliseconds or bytes, so scripts need not parse "2 minutes" or "64MiB".
/// </summary>
internal static class JsonRenderer
{
    public static string Render(HoconObject root, HoconNode? schema, string path)
    {
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            Write(writer, root, schema, path);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Write(Utf8JsonWriter writer, HoconNode node, HoconNode? schema, string path)
    {
        switch (node)
        {
            case HoconObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.Fields)
                {
                    writer.WritePropertyName(key);
                    Write(writer, value, ReferenceSchema.Child(schema, key), ConfigPath.Append(path, key));
                }

                writer.WriteEndObject();
                break;
            case HoconArray array:
                writer.WriteStartArray();
                var itemSchema = schema is HoconArray { Items: [var first, ..] } ? first : null;
                for (var i = 0; i < array.Items.Count; i++)
                {
                    Write(writer, array.Items[i], itemSchema, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"));
                }

                writer.WriteEndArray();
                break;
            case HoconScalar scalar:
                WriteScalar(writer, scalar, schema is null ? SettingKind.Any : ReferenceSchema.Classify(schema), path);
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, HoconScalar scalar, SettingKind kind, string path)
    {
        if (scalar.Kind == ScalarKind.Null)
        {
            writer.WriteNullValue();
            return;
        }

        switch (kind)
        {
            case SettingKind.Duration:
                WriteNumber(writer, ScalarConverter.ToDuration(scalar, path).TotalMilliseconds);
                return;
            case SettingKind.Size:
                writer.WriteNumberValue(ScalarConverter.ToSize(scalar, path));
                return;
            case SettingKind.Integer when scalar.Kind != ScalarKind.Number:
                writer.WriteNumberValue(ScalarConverter.ToInt64(scalar, path));
                return;
            case SettingKind.Number when scalar.Kind != ScalarKind.Number:
                WriteNumber(writer, ScalarConverter.ToDouble(scalar, path));
                return;
            case SettingKind.Boolean:
                writer.WriteBooleanValue(ScalarConverter.ToBoolean(scalar, path));
                return;
            case SettingKind.String:
                writer.WriteStringValue(scalar.Text);
                return;
        }

        switch (scalar.Kind)
        {
            case ScalarKind.Number:
                writer.WriteRawValue(scalar.Text);
                break;
            case ScalarKind.Boolean:
                writer.WriteBooleanValue(scalar.Text == "true");
                break;
            default:
                writer.WriteStringValue(scalar.Text);
                break;
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 9e15)
        {
            writer.WriteNumberValue((long)value);
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }
}
