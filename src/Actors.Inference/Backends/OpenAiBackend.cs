using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace Actors.Inference.Backends;

/// <summary>
/// The OpenAI-compatible HTTP backend (vLLM, SGLang, TGI, llama.cpp server, Ollama). A batch becomes one
/// /v1/completions call per group of prompt requests that share purpose, model and sampling parameters (the prompts
/// go as an array) and one /v1/chat/completions call per chat request; the calls of a batch run concurrently.
/// </summary>
/// <remarks>
/// Every failure is classified (<see cref="FailureKind"/>) and returned, never thrown; retrying is the router's job.
/// Token counts of a call carrying several prompts are the call's usage shared out in proportion to text length, so
/// per-request counts are estimates while their sum is exact. The API key is sent as a bearer token only when set,
/// and is never part of a reason or log line.
/// </remarks>
internal sealed class OpenAiBackend : IModelBackend
{
    public const string BackendName = "openai";
    public const string PurposeHeader = "X-Actors-Purpose";

    private readonly HttpClient _http;
    private readonly string _device;
    private readonly string? _apiKey;
    private readonly TimeSpan _requestTimeout;
    private readonly TimeSpan _healthTimeout;
    private readonly TimeProvider _time;
    private string _model;
    private string? _healthProblem;

    public OpenAiBackend(string device, DeviceSettings deviceSettings, InferenceSettings settings, string? apiKey, TimeProvider time, HttpMessageHandler? handler = null)
    {
        _device = device;
        _apiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
        _requestTimeout = settings.RequestTimeout;
        _healthTimeout = settings.HealthCheckTimeout;
        _time = time;
        _model = deviceSettings.Model;
        var baseAddress = deviceSettings.Endpoint.AbsoluteUri.EndsWith('/') ? deviceSettings.Endpoint : new Uri(deviceSettings.Endpoint.AbsoluteUri + "/");
        handler ??= new SocketsHttpHandler
        {
            ConnectTimeout = settings.ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            MaxConnectionsPerServer = int.MaxValue,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
        };
        _http = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public string Name => BackendName;

    public bool IsOffline => false;

    /// <summary>The model requests are sent to: configured, or learnt from GET /models; empty while unknown.</summary>
    public string Model => Volatile.Read(ref _model);

    public async Task<IReadOnlyList<BackendResult>> CompleteBatchAsync(IReadOnlyList<CompletionRequest> batch, CancellationToken cancellationToken)
    {
        var results = new BackendResult[batch.Count];
        if (batch.Count == 0)
        {
            return results;
        }

        if (Model.Length == 0 && batch.Any(r => r.Model is null))
        {
            await DiscoverModelAsync(cancellationToken).ConfigureAwait(false);
        }

        var calls = new List<Task>();
        var groups = new List<List<int>>();
        for (var i = 0; i < batch.Count; i++)
        {
            var request = batch[i];
            if (request.IsChat)
            {
                calls.Add(ChatAsync(batch, i, results, cancellationToken));
                continue;
            }

            var group = groups.Find(g => Compatible(batch[g[0]], request));
            if (group is null)
            {
                groups.Add([i]);
            }
            else
            {
                group.Add(i);
            }
        }

        foreach (var group in groups)
        {
            calls.Add(CompletionsAsync(batch, group, results, cancellationToken));
        }

        await Task.WhenAll(calls).ConfigureAwait(false);
        return results;
    }

    /// <summary>
    /// GET {endpoint}/models answering 200 (the model name is learnt from it when none is configured); servers without
    /// that route are asked GET /health next to /v1 (vLLM, SGLang, TGI and llama.cpp server all have one).
    /// </summary>
    public async Task<bool> CheckHealthAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_healthTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using (var request = new HttpRequestMessage(HttpMethod.Get, "models"))
            {
                AddAuthorization(request);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    var listing = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
                    if (Model.Length == 0)
                    {
                        LearnModel(listing);
                    }
                    else if (ServedModels(listing) is { Count: > 0 } served && !served.Contains(Model, StringComparer.Ordinal))
                    {
                        // Still healthy (some servers, llama.cpp among them, answer whatever model is asked for), but
                        // on most servers every completion would be answered 404: say so where the operator looks.
                        ModelWarning = $"GET /models lists {string.Join(", ", served.Select(m => $"'{m}'"))} but not the configured model '{Model}'; servers that check the name answer every request 404";
                    }
                    else
                    {
                        ModelWarning = null;
                    }

                    HealthProblem = null;
                    return true;
                }

                var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
                HealthProblem = string.Create(CultureInfo.InvariantCulture, $"GET /models: HTTP {(int)response.StatusCode}: {OpenAiWire.ErrorMessage(body)}");
                if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed))
                {
                    return false;
                }
            }

            using var health = new HttpRequestMessage(HttpMethod.Get, new Uri(_http.BaseAddress!, "../health"));
            using var answer = await _http.SendAsync(health, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            if (answer.IsSuccessStatusCode)
            {
                HealthProblem = null;
                return true;
            }

            HealthProblem += string.Create(CultureInfo.InvariantCulture, $"; GET /health: HTTP {(int)answer.StatusCode}");
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            HealthProblem = $"no answer within {_healthTimeout.TotalMilliseconds:0} ms";
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException)
        {
            HealthProblem = ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
            return false;
        }
    }

    /// <summary>Set when the last passing health check found the configured model missing from the server's list.</summary>
    public string? ModelWarning { get; private set; }

    /// <summary>What the last failed health check saw; null after a passing one.</summary>
    public string? HealthProblem
    {
        get => Volatile.Read(ref _healthProblem);
        private set => Volatile.Write(ref _healthProblem, value);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private static bool Compatible(CompletionRequest a, CompletionRequest b) =>
        a.Purpose == b.Purpose && a.Model == b.Model && a.Sampling.SameAs(b.Sampling);

    private async Task DiscoverModelAsync(CancellationToken cancellationToken)
    {
        // The health check learns the model; a batch arriving before it ran asks once itself.
        await CheckHealthAsync(cancellationToken).ConfigureAwait(false);
    }

    private static List<string> ServedModels(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
                ? [.. data.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : null).OfType<string>()]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private void LearnModel(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0
                && data[0].TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                Interlocked.CompareExchange(ref _model, id.GetString()!, "");
            }
        }
        catch (JsonException)
        {
            // A health endpoint that answers 200 with another body is still healthy; the model stays unknown.
        }
    }

    private async Task CompletionsAsync(IReadOnlyList<CompletionRequest> batch, List<int> group, BackendResult[] results, CancellationToken cancellationToken)
    {
        var requests = group.ConvertAll(i => batch[i]);
        var model = requests[0].Model ?? Model;
        var n = requests[0].Sampling.N;
        var (body, failure) = await SendAsync("completions", OpenAiWire.CompletionsBody(model, requests), requests[0].Purpose, group.Count, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            group.ForEach(i => results[i] = failure);
            return;
        }

        OpenAiWire.Parsed parsed;
        try
        {
            parsed = OpenAiWire.ParseCompletions(body, requests.Count, n);
        }
        catch (FormatException e)
        {
            var malformed = BackendResult.Fail(FailureKind.MalformedResponse, $"{_device}: POST /completions: {e.Message}");
            group.ForEach(i => results[i] = malformed);
            return;
        }

        Fill(parsed, requests, model, "/completions", (k, result) => results[group[k]] = result);
    }

    private async Task ChatAsync(IReadOnlyList<CompletionRequest> batch, int index, BackendResult[] results, CancellationToken cancellationToken)
    {
        var request = batch[index];
        var model = request.Model ?? Model;
        var (body, failure) = await SendAsync("chat/completions", OpenAiWire.ChatBody(model, request), request.Purpose, 1, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            results[index] = failure;
            return;
        }

        try
        {
            var parsed = OpenAiWire.ParseChat(body, request.Sampling.N);
            Fill(parsed, [request], model, "/chat/completions", (_, result) => results[index] = result);
        }
        catch (FormatException e)
        {
            results[index] = BackendResult.Fail(FailureKind.MalformedResponse, $"{_device}: POST /chat/completions: {e.Message}");
        }
    }

    private void Fill(OpenAiWire.Parsed parsed, List<CompletionRequest> requests, string model, string path, Action<int, BackendResult> set)
    {
        var promptWeights = requests.ConvertAll(r => OfflineHeuristics.PromptText(r).Length);
        var textWeights = new List<int>(requests.Count);
        foreach (var choices in parsed.Choices)
        {
            textWeights.Add(choices.Sum(c => c?.Text.Length ?? 0));
        }

        var promptTokens = parsed.PromptTokens is { } pt ? OpenAiWire.Share(pt, promptWeights) : [.. promptWeights.Select(w => w / 4)];
        var completionTokens = parsed.CompletionTokens is { } ct ? OpenAiWire.Share(ct, textWeights) : [.. textWeights.Select(w => w / 4)];
        for (var k = 0; k < requests.Count; k++)
        {
            var choices = parsed.Choices[k];
            var missing = Array.IndexOf(choices, null);
            if (missing >= 0)
            {
                set(k, BackendResult.Fail(FailureKind.MalformedResponse,
                    string.Create(CultureInfo.InvariantCulture, $"{_device}: POST {path}: the response has no choice {missing} for prompt {k} (expected {choices.Length} per prompt)")));
                continue;
            }

            var first = choices[0]!;
            if (string.IsNullOrWhiteSpace(first.Text))
            {
                set(k, BackendResult.Fail(FailureKind.EmptyText, $"{_device}: POST {path}: the generation is empty (finish_reason {first.FinishReason})"));
                continue;
            }

            set(k, BackendResult.Success(new Completion
            {
                Text = first.Text,
                FinishReason = first.FinishReason,
                PromptTokens = promptTokens[k],
                CompletionTokens = completionTokens[k],
                Logprobs = requests[k].Sampling.Logprobs is null ? null : first.Logprobs ?? [],
                Choices = [.. choices.Select(c => c!.Text)],
                Model = string.IsNullOrEmpty(parsed.Model) ? model : parsed.Model,
                Backend = BackendName,
            }));
        }
    }

    private void AddAuthorization(HttpRequestMessage request)
    {
        if (_apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }
    }

    /// <summary>POSTs a body; returns the response body, or the classified failure.</summary>
    private async Task<(byte[] Body, BackendResult? Failure)> SendAsync(string path, byte[] body, string purpose, int prompts, CancellationToken cancellationToken)
    {
        var what = string.Create(CultureInfo.InvariantCulture, $"{_device}: POST /{path} ({prompts} prompt{(prompts == 1 ? "" : "s")})");
        using var timeout = new CancellationTokenSource(_requestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation(PurposeHeader, purpose);
            AddAuthorization(request);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var content = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return (content, null);
            }

            var message = $"{what}: HTTP {status}: {OpenAiWire.ErrorMessage(content)}";
            return ([], status switch
            {
                429 => BackendResult.Fail(FailureKind.RateLimited, message, RetryAfter(response)),
                408 => BackendResult.Fail(FailureKind.Timeout, message),
                >= 500 => BackendResult.Fail(FailureKind.ServerError, message, RetryAfter(response)),
                _ => BackendResult.Fail(FailureKind.ClientError, message),
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return ([], BackendResult.Fail(FailureKind.Timeout, $"{what}: no response within {_requestTimeout.TotalMilliseconds:0} ms"));
        }
        catch (OperationCanceledException e)
        {
            // SocketsHttpHandler reports its connect timeout as a cancellation nobody asked for.
            return ([], BackendResult.Fail(FailureKind.Timeout, $"{what}: {e.Message}"));
        }
        catch (HttpRequestException e)
        {
            return ([], Classify(what, e));
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            return ([], BackendResult.Fail(FailureKind.ConnectionReset, $"{what}: {e.Message}"));
        }
    }

    private static BackendResult Classify(string what, HttpRequestException e)
    {
        var detail = e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
        if (e.InnerException is TimeoutException)
        {
            return BackendResult.Fail(FailureKind.Timeout, $"{what}: {detail}");
        }

        return e.HttpRequestError switch
        {
            HttpRequestError.InvalidResponse => BackendResult.Fail(FailureKind.MalformedResponse, $"{what}: {detail}"),
            _ => BackendResult.Fail(FailureKind.ConnectionReset, $"{what}: {detail}"),
        };
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - _time.GetUtcNow() : null;
    }
}
