using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Actors.Corpus.Reading;

/// <summary>Turns one JSON line into a document or a quarantine entry.</summary>
internal static class JsonlParser
{
    private static readonly JsonReaderOptions s_options = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 };

    public static ShardRecord Parse(ShardId shard, long ordinal, long offset, ReadOnlySpan<byte> line, CorpusOptions options)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (offset == 0 && line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            // A byte-order mark at the start of the file is not part of the first record.
            line = line[3..];
        }

        if (line.Trim(" \t"u8).IsEmpty)
        {
            return Bad(shard, ordinal, offset, line, "blank line; a JSON Lines file holds one JSON object per line");
        }

        if (!Utf8.IsValid(line))
        {
            return Bad(shard, ordinal, offset, line, $"invalid UTF-8 at byte {FirstInvalidByte(line)} of the line");
        }

        var metadata = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? text = null;
        string? textKind = null;
        string? url = null;
        try
        {
            var reader = new Utf8JsonReader(line, s_options);
            if (!reader.Read())
            {
                return Bad(shard, ordinal, offset, line, "invalid JSON: no value");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return Bad(shard, ordinal, offset, line, $"not a JSON object: the line holds {Describe(reader.TokenType)}");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (string.Equals(name, options.TextField, StringComparison.Ordinal))
                {
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        text = reader.GetString();
                        textKind = null;
                    }
                    else
                    {
                        text = null;
                        textKind = Describe(reader.TokenType);
                        reader.Skip();
                    }

                    continue;
                }

                var isString = reader.TokenType == JsonTokenType.String;
                var value = ReadValue(ref reader, line);
                metadata[name] = value;
                if (string.Equals(name, options.UrlField, StringComparison.Ordinal))
                {
                    url = isString ? value : null;
                }
            }

            // A second value after the object (or garbage) is an error, which Read reports by throwing.
            if (reader.Read())
            {
                return Bad(shard, ordinal, offset, line, "invalid JSON: more than one value on the line");
            }
        }
        catch (JsonException e)
        {
            return Bad(shard, ordinal, offset, line, $"invalid JSON: {FirstSentence(e.Message)}");
        }

        if (text is null)
        {
            return Bad(shard, ordinal, offset, line, textKind is null
                ? $"missing text field \"{options.TextField}\""
                : $"text field \"{options.TextField}\" is {textKind}, not a string");
        }

        return new CorpusDocument(shard, ordinal, text, metadata, offset, url);

    }

    private static QuarantinedRecord Bad(ShardId shard, long ordinal, long offset, ReadOnlySpan<byte> line, string reason) =>
        new(shard, ordinal, offset, reason, Excerpt.FromBytes(line));

    private static string? ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return Encoding.UTF8.GetString(line[start..(int)reader.BytesConsumed]);
            default:
                return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> line)
    {
        Span<char> scratch = stackalloc char[512];
        var consumed = 0;
        while (consumed < line.Length)
        {
            var status = Utf8.ToUtf16(line[consumed..], scratch, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            consumed += read;
            if (status == System.Buffers.OperationStatus.InvalidData)
            {
                return consumed;
            }

            if (status == System.Buffers.OperationStatus.Done)
            {
                break;
            }
        }

        return consumed;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static string FirstSentence(string message)
    {
        // System.Text.Json messages end with "LineNumber: 0 | BytePositionInLine: 12."; keep the position.
        return message.Replace("LineNumber: 0 | ", string.Empty, StringComparison.Ordinal);
    }
}
