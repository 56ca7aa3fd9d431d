using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Actors.Inference.Backends;

/// <summary>
/// The OpenAI-compatible wire format: request bodies for /v1/completions (prompt arrays) and /v1/chat/completions,
/// and parsers of their responses that tolerate field order and missing optional fields but reject anything that
/// does not carry the choices we asked for.
/// </summary>
internal static class OpenAiWire
{
    /// <summary>One parsed choice.</summary>
    public sealed record Choice(string Text, string FinishReason, IReadOnlyList<TokenLogprob>? Logprobs);

    /// <summary>A parsed response: choices per prompt (null where the response had none), usage and model.</summary>
    public sealed record Parsed(Choice?[][] Choices, int? PromptTokens, int? CompletionTokens, string? Model);

    public static byte[] CompletionsBody(string model, IReadOnlyList<CompletionRequest> requests)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteStartArray("prompt");
            foreach (var request in requests)
            {
                json.WriteStringValue(request.Prompt);
            }

            json.WriteEndArray();
            WriteSampling(json, requests[0].Sampling, chat: false);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] ChatBody(string model, CompletionRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteStartArray("messages");
            foreach (var message in request.Messages!)
            {
                json.WriteStartObject();
                json.WriteString("role", message.Role);
                json.WriteString("content", message.Content);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteSampling(json, request.Sampling, chat: true);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteSampling(Utf8JsonWriter json, SamplingParameters s, bool chat)
    {
        json.WriteNumber("temperature", s.Temperature);
        json.WriteNumber("top_p", s.TopP);
        json.WriteNumber("max_tokens", s.MaxTokens);
        json.WriteNumber("n", s.N);
        if (s.Stop.Count > 0)
        {
            json.WriteStartArray("stop");
            foreach (var stop in s.Stop)
            {
                json.WriteStringValue(stop);
            }

            json.WriteEndArray();
        }

        json.WriteNumber("presence_penalty", s.PresencePenalty);
        json.WriteNumber("frequency_penalty", s.FrequencyPenalty);
        if (s.Seed is { } seed)
        {
            json.WriteNumber("seed", seed);
        }

        if (s.Logprobs is { } top)
        {
            if (chat)
            {
                json.WriteBoolean("logprobs", true);
                json.WriteNumber("top_logprobs", top);
            }
            else
            {
                json.WriteNumber("logprobs", top);
            }
        }
    }

    /// <summary>Parses a /v1/completions response for <paramref name="prompts"/> prompts of <paramref name="n"/> choices each.</summary>
    /// <exception cref="FormatException">The body is not a completions response.</exception>
    public static Parsed ParseCompletions(ReadOnlySpan<byte> body, int prompts, int n) => Parse(body, prompts, n, chat: false);

    /// <summary>Parses a /v1/chat/completions response of <paramref name="n"/> choices.</summary>
    /// <exception cref="FormatException">The body is not a chat completions response.</exception>
    public static Parsed ParseChat(ReadOnlySpan<byte> body, int n) => Parse(body, 1, n, chat: true);

    private static Parsed Parse(ReadOnlySpan<byte> body, int prompts, int n, bool chat)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new FormatException($"the body is not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("the body has no \"choices\" array");
            }

            var result = new Choice?[prompts][];
            for (var p = 0; p < prompts; p++)
            {
                result[p] = new Choice?[n];
            }

            var position = 0;
            foreach (var choice in choices.EnumerateArray())
            {
                var index = choice.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetInt32() : position;
                position++;
                if (index < 0 || index >= prompts * n)
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"choice index {index} is outside 0..{(prompts * n) - 1}"));
                }

                result[index / n][index % n] = chat ? ChatChoice(choice) : TextChoice(choice);
            }

            int? promptTokens = null, completionTokens = null;
            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                promptTokens = OptionalInt(usage, "prompt_tokens");
                completionTokens = OptionalInt(usage, "completion_tokens");
            }

            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return new Parsed(result, promptTokens, completionTokens, model);
        }
    }

    private static int? OptionalInt(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static string FinishReason(JsonElement choice) =>
        choice.TryGetProperty("finish_reason", out var finish) && finish.ValueKind == JsonValueKind.String ? finish.GetString()! : "stop";

    private static Choice TextChoice(JsonElement choice)
    {
        if (!choice.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
        {
            throw new FormatException("a choice has no \"text\" string");
        }

        IReadOnlyList<TokenLogprob>? logprobs = null;
        if (choice.TryGetProperty("logprobs", out var lp) && lp.ValueKind == JsonValueKind.Object)
        {
            logprobs = CompletionLogprobs(lp);
        }

        return new Choice(text.GetString()!, FinishReason(choice), logprobs);
    }

    private static Choice ChatChoice(JsonElement choice)
    {
        if (!choice.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a choice has no \"message\" object");
        }

        // content may be null (for example a refusal or a tool call); that is an empty generation, not a bad body.
        var content = message.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "";
        IReadOnlyList<TokenLogprob>? logprobs = null;
        if (choice.TryGetProperty("logprobs", out var lp) && lp.ValueKind == JsonValueKind.Object
            && lp.TryGetProperty("content", out var tokens) && tokens.ValueKind == JsonValueKind.Array)
        {
            logprobs = ChatLogprobs(tokens);
        }

        return new Choice(content, FinishReason(choice), logprobs);
    }

    // Completions shape: { tokens: [..], token_logprobs: [..], top_logprobs: [ {token: lp, ..} | null ], text_offset: [..] }
    private static List<TokenLogprob> CompletionLogprobs(JsonElement logprobs)
    {
        if (!logprobs.TryGetProperty("tokens", out var tokens) || tokens.ValueKind != JsonValueKind.Array
            || !logprobs.TryGetProperty("token_logprobs", out var values) || values.ValueKind != JsonValueKind.Array
            || tokens.GetArrayLength() != values.GetArrayLength())
        {
            throw new FormatException("logprobs lacks matching \"tokens\" and \"token_logprobs\" arrays");
        }

        var tops = logprobs.TryGetProperty("top_logprobs", out var t) && t.ValueKind == JsonValueKind.Array ? t : default;
        var result = new List<TokenLogprob>(tokens.GetArrayLength());
        for (var i = 0; i < tokens.GetArrayLength(); i++)
        {
            var token = tokens[i].GetString() ?? "";
            // The first token's logprob is null when the prompt is echoed; report it as 0 (probability 1).
            var value = values[i].ValueKind == JsonValueKind.Number ? values[i].GetDouble() : 0;
            var top = new List<KeyValuePair<string, double>>();
            if (tops.ValueKind == JsonValueKind.Array && i < tops.GetArrayLength() && tops[i].ValueKind == JsonValueKind.Object)
            {
                foreach (var alternative in tops[i].EnumerateObject())
                {
                    top.Add(new(alternative.Name, alternative.Value.ValueKind == JsonValueKind.Number ? alternative.Value.GetDouble() : double.NegativeInfinity));
                }

                top.Sort(static (a, b) => b.Value.CompareTo(a.Value));
            }

            result.Add(new TokenLogprob(token, value, top));
        }

        return result;
    }

    // Chat shape: content: [ { token, logprob, bytes, top_logprobs: [ { token, logprob, bytes } ] } ]
    private static List<TokenLogprob> ChatLogprobs(JsonElement content)
    {
        var result = new List<TokenLogprob>(content.GetArrayLength());
        foreach (var entry in content.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("token", out var token) || !entry.TryGetProperty("logprob", out var logprob)
                || logprob.ValueKind != JsonValueKind.Number)
            {
                throw new FormatException("a logprobs.content entry lacks \"token\" or \"logprob\"");
            }

            var top = new List<KeyValuePair<string, double>>();
            if (entry.TryGetProperty("top_logprobs", out var tops) && tops.ValueKind == JsonValueKind.Array)
            {
                foreach (var alternative in tops.EnumerateArray())
                {
                    if (alternative.TryGetProperty("token", out var altToken) && alternative.TryGetProperty("logprob", out var altValue) && altValue.ValueKind == JsonValueKind.Number)
                    {
                        top.Add(new(altToken.GetString() ?? "", altValue.GetDouble()));
                    }
                }
            }

            result.Add(new TokenLogprob(token.GetString() ?? "", logprob.GetDouble(), top));
        }

        return result;
    }

    /// <summary>The "error.message" of an error body, or the start of the body when it has none.</summary>
    public static string ErrorMessage(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return Clip(message.GetString()!);
                }

                if (error.ValueKind == JsonValueKind.String)
                {
                    return Clip(error.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw text.
        }

        return Clip(System.Text.Encoding.UTF8.GetString(body));
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "...";

    /// <summary>Shares <paramref name="total"/> out in proportion to <paramref name="weights"/> (largest remainder), so the parts sum to it.</summary>
    public static int[] Share(int total, IReadOnlyList<int> weights)
    {
        var parts = new int[weights.Count];
        if (weights.Count == 0 || total <= 0)
        {
            return parts;
        }

        long sum = 0;
        foreach (var w in weights)
        {
            sum += Math.Max(w, 0) + 1;
        }

        var given = 0;
        var remainders = new (double Fraction, int Index)[weights.Count];
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = total * (double)(Math.Max(weights[i], 0) + 1) / sum;
            parts[i] = (int)Math.Floor(exact);
            given += parts[i];
            remainders[i] = (exact - parts[i], i);
        }

        Array.Sort(remainders, static (a, b) => b.Fraction.CompareTo(a.Fraction));
        for (var k = 0; given < total; k = (k + 1) % remainders.Length)
        {
            parts[remainders[k].Index]++;
            given++;
        }

        return parts;
    }
}
