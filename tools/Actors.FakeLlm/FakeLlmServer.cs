using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Actors.Inference;
using Actors.Inference.Backends;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.FakeLlm;

/// <summary>
/// An OpenAI-compatible server on 127.0.0.1 for tests and benchmarks: POST /v1/completions (prompt string or array,
/// one choice per prompt × n with index = prompt * n + choice), POST /v1/chat/completions, GET /v1/models,
/// GET /health. Answers are deterministic per prompt (responders and scripts per purpose, from the X-Actors-Purpose
/// header), capacity follows <see cref="FakeLlmOptions"/>' model, and faults are injected at the configured rates.
/// </summary>
internal sealed class FakeLlmServer : IAsyncDisposable
{
    private static readonly string[] s_vocabulary =
    [
        "alpha", "bright", "cedar", "delta", "ember", "fable", "grove", "harbor", "island", "jasper", "kernel", "lantern",
        "meadow", "nectar", "orbit", "pepper", "quartz", "raven", "summit", "timber", "umber", "velvet", "willow", "zephyr",
    ];

    private readonly WebApplication _app;
    private readonly FakeLlmOptions _options;
    private readonly SequenceGate _gate;
    private readonly Random _random;
    private readonly Lock _randomGate = new();
    private readonly ConcurrentDictionary<HttpContext, byte> _active = new();
    private int _stopped;
    private volatile bool _healthy = true;

    private FakeLlmServer(WebApplication app, FakeLlmOptions options)
    {
        _app = app;
        _options = options;
        _gate = new SequenceGate(options.MaxConcurrentSequences);
        _random = new Random(options.Seed);
    }

    /// <summary>The base URL clients use, ending in /v1.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public int Port => BaseUrl.Port;

    public FakeLlmCounters Counters { get; } = new();

    public FakeLlmOptions Options => _options;

    /// <summary>When false, GET /v1/models and GET /health answer 503 (completions are unaffected).</summary>
    public bool Healthy
    {
        get => _healthy;
        set => _healthy = value;
    }

    /// <summary>Starts a server on 127.0.0.1 (port 0: a free one).</summary>
    public static async Task<FakeLlmServer> StartAsync(FakeLlmOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 256L * 1024 * 1024;
        });
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var server = new FakeLlmServer(app, options);
        app.MapPost("/v1/completions", context => server.HandleAsync(context, chat: false));
        app.MapPost("/v1/chat/completions", context => server.HandleAsync(context, chat: true));
        app.MapGet("/v1/models", server.ModelsAsync);
        app.MapGet("/health", context => { context.Response.StatusCode = server.Healthy ? 200 : 503; return Task.CompletedTask; });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)), "/v1");
        return server;
    }

    /// <summary>Graceful stop: in-flight requests may finish (briefly), new connections are refused.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
    }

    /// <summary>Like a killed process: every open request's connection is aborted now, then the listener closes.</summary>
    public async Task KillAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        foreach (var context in _active.Keys)
        {
            try
            {
                context.Abort();
            }
            catch (ObjectDisposedException)
            {
                // That request finished while we were aborting the others.
            }
        }

        await _app.StopAsync(new CancellationToken(canceled: true));
        await _app.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task ModelsAsync(HttpContext context)
    {
        if (!Healthy)
        {
            await ErrorAsync(context, 503, "injected: the server is unhealthy", "ServiceUnavailableError");
            return;
        }

        if (!Authorized(context))
        {
            await ErrorAsync(context, 401, "Incorrect API key provided.", "invalid_request_error");
            return;
        }

        var body = Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("object", "list");
            json.WriteStartArray("data");
            json.WriteStartObject();
            json.WriteString("id", _options.Model);
            json.WriteString("object", "model");
            json.WriteNumber("created", 1_700_000_000);
            json.WriteString("owned_by", "fake-llm");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
        await WriteAsync(context, 200, body);
    }

    private async Task HandleAsync(HttpContext context, bool chat)
    {
        _active.TryAdd(context, 0);
        Counters.EnterRequest();
        try
        {
            await HandleCoreAsync(context, chat);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (a hang it timed out, or a kill): nothing to answer.
        }
        finally
        {
            Counters.LeaveRequest();
            _active.TryRemove(context, out _);
        }
    }

    private async Task HandleCoreAsync(HttpContext context, bool chat)
    {
        var aborted = context.RequestAborted;
        var purpose = context.Request.Headers["X-Actors-Purpose"].ToString();
        var authorization = context.Request.Headers.Authorization.ToString();
        ParsedRequest request;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: aborted);
            request = ParseRequest(document.RootElement, chat, purpose);
        }
        catch (JsonException e)
        {
            Counters.CountRequest(0, authorization, purpose);
            await ErrorAsync(context, 400, $"We could not parse the JSON body of your request. ({e.Message})", "invalid_request_error");
            return;
        }
        catch (FormatException e)
        {
            Counters.CountRequest(0, authorization, purpose);
            await ErrorAsync(context, 400, e.Message, "invalid_request_error");
            return;
        }

        Counters.CountRequest(request.Prompts.Count, authorization, purpose);
        if (!Authorized(context))
        {
            await ErrorAsync(context, 401, "Incorrect API key provided.", "invalid_request_error");
            return;
        }

        if (request.Model.Length == 0)
        {
            await ErrorAsync(context, 400, "you must provide a model parameter", "invalid_request_error");
            return;
        }

        if (request.Model != _options.Model)
        {
            await ErrorAsync(context, 404, $"The model `{request.Model}` does not exist.", "NotFoundError");
            return;
        }

        switch (DrawRequestFault())
        {
            case FakeFaultKind.ServerError:
                Counters.CountFault(FakeFaultKind.ServerError);
                await ErrorAsync(context, 500, "injected fault: internal server error", "InternalServerError");
                return;
            case FakeFaultKind.RateLimited:
                Counters.CountFault(FakeFaultKind.RateLimited);
                if (_options.RetryAfter is { } after)
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await ErrorAsync(context, 429, "injected fault: rate limit reached", "rate_limit_exceeded");
                return;
            case FakeFaultKind.Hang:
                Counters.CountFault(FakeFaultKind.Hang);
                await Task.Delay(_options.HangTime, aborted);
                return;
            case FakeFaultKind.Reset:
                Counters.CountFault(FakeFaultKind.Reset);
                context.Abort();
                return;
            case FakeFaultKind.Malformed:
                Counters.CountFault(FakeFaultKind.Malformed);
                await WriteAsync(context, 200, Encoding.UTF8.GetBytes("{\"id\":\"cmpl-fake\",\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\"cut of"));
                return;
        }

        // Generate every choice first: the longest one sets how long the batch holds its sequences.
        var choices = new List<GeneratedChoice>(request.Prompts.Count * request.N);
        for (var p = 0; p < request.Prompts.Count; p++)
        {
            for (var j = 0; j < request.N; j++)
            {
                choices.Add(Generate(request, p, j));
            }
        }

        var slots = await _gate.AcquireAsync(choices.Count, aborted);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var inUse = _gate.InUse;
            Counters.SequencesInUse(inUse);
            var tokens = choices.Max(c => c.Tokens.Count);
            var occupancy = inUse / (double)_gate.Capacity;
            var latency = _options.BaseLatency + (_options.PerTokenLatency * tokens * (1 + (_options.BatchSlowdown * occupancy)));
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, aborted);
            }
        }
        finally
        {
            Counters.CountBusy(slots, Stopwatch.GetElapsedTime(started));
            _gate.Release(slots);
        }

        var body = chat ? ChatBody(request, choices) : CompletionsBody(request, choices);
        await WriteAsync(context, 200, body);
        Counters.CountSequences(choices.Count);
    }

    private bool Authorized(HttpContext context) =>
        _options.RequireApiKey is not { } key || context.Request.Headers.Authorization.ToString() == "Bearer " + key;

    private FakeFaultKind? DrawRequestFault()
    {
        double draw;
        lock (_randomGate)
        {
            draw = _random.NextDouble();
        }

        var faults = _options.Faults;
        foreach (var kind in (ReadOnlySpan<FakeFaultKind>)[FakeFaultKind.ServerError, FakeFaultKind.RateLimited, FakeFaultKind.Hang, FakeFaultKind.Reset, FakeFaultKind.Malformed])
        {
            var rate = faults.Rate(kind);
            if (draw < rate)
            {
                return kind;
            }

            draw -= rate;
        }

        return null;
    }

    private FakeFaultKind? DrawChoiceFault()
    {
        var faults = _options.Faults;
        if (faults.Empty == 0 && faults.Length == 0)
        {
            return null;
        }

        double draw;
        lock (_randomGate)
        {
            draw = _random.NextDouble();
        }

        return draw < faults.Empty ? FakeFaultKind.Empty : draw < faults.Empty + faults.Length ? FakeFaultKind.Length : null;
    }

    private GeneratedChoice Generate(ParsedRequest request, int prompt, int choice)
    {
        var fake = new FakeRequest
        {
            Purpose = request.Purpose,
            Prompt = request.Prompts[prompt],
            Messages = request.Messages,
            PromptIndex = prompt,
            ChoiceIndex = choice,
            Model = request.Model,
            Temperature = request.Temperature,
            TopP = request.TopP,
            MaxTokens = request.MaxTokens,
            Stop = request.Stop,
            Seed = request.Seed,
            N = request.N,
        };
        string raw;
        if (_options.Responders.TryGetValue(request.Purpose, out var responder))
        {
            raw = responder(fake);
        }
        else if (_options.Script is { } script && script.TryRespond(fake, out var scripted))
        {
            raw = scripted;
        }
        else
        {
            raw = DefaultText(fake);
        }

        var (text, _, finish) = TextShaping.Shape(raw, request.Stop, request.MaxTokens);
        switch (DrawChoiceFault())
        {
            case FakeFaultKind.Empty:
                Counters.CountFault(FakeFaultKind.Empty);
                text = "";
                finish = "stop";
                break;
            case FakeFaultKind.Length:
                Counters.CountFault(FakeFaultKind.Length);
                var words = TextShaping.CountWords(text);
                text = TextShaping.Shape(text, [], Math.Max(1, words / 2)).Text;
                finish = "length";
                break;
        }

        return new GeneratedChoice(text, finish, TextShaping.Tokens(text));
    }

    private string DefaultText(FakeRequest request)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{request.Prompt}\u0000{request.ChoiceIndex}\u0000{request.Seed}")));
        var count = _options.DefaultCompletionTokens;
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = s_vocabulary[hash[i % hash.Length] % s_vocabulary.Length];
        }

        return string.Join(' ', words);
    }

    private byte[] CompletionsBody(ParsedRequest request, List<GeneratedChoice> choices) =>
        ChoicesBody(request, choices, "cmpl", "text_completion", (json, i, choice) => json.WriteString("text", choice.Text), (json, i, choice, top) =>
        {
            json.WriteStartObject("logprobs");
            var prompt = request.Prompts[i / request.N];
            json.WriteStartArray("tokens");
            choice.Tokens.ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteStartArray("token_logprobs");
            for (var t = 0; t < choice.Tokens.Count; t++)
            {
                json.WriteNumberValue(Logprob(prompt, t, choice.Tokens[t]));
            }

            json.WriteEndArray();
            json.WriteStartArray("top_logprobs");
            for (var t = 0; t < choice.Tokens.Count; t++)
            {
                json.WriteStartObject();
                foreach (var (token, logprob) in Alternatives(prompt, t, choice.Tokens[t], top))
                {
                    json.WriteNumber(token, logprob);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("text_offset");
            var offset = prompt.Length;
            foreach (var token in choice.Tokens)
            {
                json.WriteNumberValue(offset);
                offset += token.Length;
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    private byte[] ChatBody(ParsedRequest request, List<GeneratedChoice> choices) =>
        ChoicesBody(request, choices, "chatcmpl", "chat.completion", (json, i, choice) =>
        {
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            json.WriteString("content", choice.Text);
            json.WriteEndObject();
        }, (json, i, choice, top) =>
        {
            json.WriteStartObject("logprobs");
            json.WriteStartArray("content");
            for (var t = 0; t < choice.Tokens.Count; t++)
            {
                var token = choice.Tokens[t];
                json.WriteStartObject();
                json.WriteString("token", token);
                json.WriteNumber("logprob", Logprob(request.Prompts[0], t, token));
                WriteBytes(json, token);
                json.WriteStartArray("top_logprobs");
                foreach (var (alternative, logprob) in Alternatives(request.Prompts[0], t, token, top))
                {
                    json.WriteStartObject();
                    json.WriteString("token", alternative);
                    json.WriteNumber("logprob", logprob);
                    WriteBytes(json, alternative);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    /// <summary>The frame both endpoints share: header, one object per choice (its content, logprobs or null, finish reason), usage.</summary>
    private byte[] ChoicesBody(
        ParsedRequest request,
        List<GeneratedChoice> choices,
        string idPrefix,
        string kind,
        Action<Utf8JsonWriter, int, GeneratedChoice> writeContent,
        Action<Utf8JsonWriter, int, GeneratedChoice, int> writeLogprobs) => Json(json =>
    {
        WriteHeader(json, idPrefix, kind);
        json.WriteStartArray("choices");
        for (var i = 0; i < choices.Count; i++)
        {
            var choice = choices[i];
            json.WriteStartObject();
            json.WriteNumber("index", i);
            writeContent(json, i, choice);
            if (request.Logprobs is { } top)
            {
                writeLogprobs(json, i, choice, top);
            }
            else
            {
                json.WriteNull("logprobs");
            }

            json.WriteString("finish_reason", choice.FinishReason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteUsage(json, request, choices);
        json.WriteEndObject();
    });

    private void WriteHeader(Utf8JsonWriter json, string prefix, string kind)
    {
        json.WriteStartObject();
        json.WriteString("id", $"{prefix}-{Guid.NewGuid():N}");
        json.WriteString("object", kind);
        json.WriteNumber("created", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        json.WriteString("model", _options.Model);
    }

    private static void WriteUsage(Utf8JsonWriter json, ParsedRequest request, List<GeneratedChoice> choices)
    {
        var prompt = request.Prompts.Sum(TextShaping.CountWords);
        var completion = choices.Sum(c => c.Tokens.Count);
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", prompt);
        json.WriteNumber("completion_tokens", completion);
        json.WriteNumber("total_tokens", prompt + completion);
        json.WriteEndObject();
    }

    private static void WriteBytes(Utf8JsonWriter json, string token)
    {
        json.WriteStartArray("bytes");
        foreach (var b in Encoding.UTF8.GetBytes(token))
        {
            json.WriteNumberValue(b);
        }

        json.WriteEndArray();
    }

    private static double Logprob(string prompt, int position, string token)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{prompt}\u0000{position}\u0000{token}")));
        return -Math.Round(0.001 + (3.0 * BitConverter.ToUInt32(hash) / uint.MaxValue), 6);
    }

    private static List<(string Token, double Logprob)> Alternatives(string prompt, int position, string token, int top)
    {
        var first = Logprob(prompt, position, token);
        var list = new List<(string, double)>(Math.Max(top, 1)) { (token, first) };
        for (var k = 1; k < top; k++)
        {
            list.Add((string.Create(CultureInfo.InvariantCulture, $" alt{k}"), first - k));
        }

        return list;
    }

    private static ParsedRequest ParseRequest(JsonElement root, bool chat, string purpose)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the body must be a JSON object");
        }

        if (root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
        {
            throw new FormatException("stream=true is not supported by fake-llm");
        }

        var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        List<string> prompts;
        List<ChatMessage>? messages = null;
        if (chat)
        {
            if (!root.TryGetProperty("messages", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                throw new FormatException("'messages' must be a non-empty array");
            }

            messages = [.. list.EnumerateArray().Select(e => new ChatMessage(
                e.TryGetProperty("role", out var role) ? role.GetString() ?? "" : throw new FormatException("a message has no 'role'"),
                e.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString()! : ""))];
            prompts = [string.Concat(messages.Select(x => $"{x.Role}: {x.Content}\n"))];
        }
        else
        {
            if (!root.TryGetProperty("prompt", out var prompt))
            {
                throw new FormatException("'prompt' is required");
            }

            prompts = prompt.ValueKind switch
            {
                JsonValueKind.String => [prompt.GetString()!],
                JsonValueKind.Array when prompt.GetArrayLength() > 0 && prompt.EnumerateArray().All(p => p.ValueKind == JsonValueKind.String) =>
                    [.. prompt.EnumerateArray().Select(p => p.GetString()!)],
                _ => throw new FormatException("'prompt' must be a string or a non-empty array of strings"),
            };
        }

        int? logprobs = null;
        if (chat)
        {
            if (root.TryGetProperty("logprobs", out var lp) && lp.ValueKind == JsonValueKind.True)
            {
                logprobs = root.TryGetProperty("top_logprobs", out var top) && top.ValueKind == JsonValueKind.Number ? top.GetInt32() : 0;
            }
        }
        else if (root.TryGetProperty("logprobs", out var lp) && lp.ValueKind == JsonValueKind.Number)
        {
            logprobs = lp.GetInt32();
        }

        var stop = new List<string>();
        if (root.TryGetProperty("stop", out var s))
        {
            if (s.ValueKind == JsonValueKind.String)
            {
                stop.Add(s.GetString()!);
            }
            else if (s.ValueKind == JsonValueKind.Array)
            {
                stop.AddRange(s.EnumerateArray().Select(x => x.GetString() ?? ""));
            }
        }

        var n = Number(root, "n", 1);
        if (n < 1)
        {
            throw new FormatException("'n' must be at least 1");
        }

        return new ParsedRequest(
            purpose, model, prompts, messages, n,
            (int)Number(root, "max_tokens", 16),
            Number(root, "temperature", 1.0),
            Number(root, "top_p", 1.0),
            stop,
            root.TryGetProperty("seed", out var seed) && seed.ValueKind == JsonValueKind.Number ? seed.GetInt64() : null,
            logprobs);
    }

    private static int Number(JsonElement root, string name, int fallback) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : fallback;

    private static double Number(JsonElement root, string name, double fallback) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : fallback;

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            write(json);
        }

        return stream.ToArray();
    }

    private static Task ErrorAsync(HttpContext context, int status, string message, string type) => WriteAsync(context, status, Json(json =>
    {
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("message", message);
        json.WriteString("type", type);
        json.WriteNull("param");
        json.WriteNumber("code", status);
        json.WriteEndObject();
        json.WriteEndObject();
    }));

    private static async Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private sealed record ParsedRequest(
        string Purpose, string Model, List<string> Prompts, List<ChatMessage>? Messages, int N, int MaxTokens,
        double Temperature, double TopP, List<string> Stop, long? Seed, int? Logprobs);

    private sealed record GeneratedChoice(string Text, string FinishReason, List<string> Tokens);
}
