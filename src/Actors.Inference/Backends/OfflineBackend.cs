using System.Globalization;

namespace Actors.Inference.Backends;

/// <summary>
/// The offline backend: no model, deterministic heuristics per purpose (<see cref="OfflineResponders"/>). Labelled
/// offline in every completion (<see cref="Completion.IsOffline"/>, Backend "offline", Model "offline-heuristics").
/// </summary>
internal sealed class OfflineBackend(OfflineResponders responders) : IModelBackend
{
    public const string BackendName = "offline";
    public const string ModelName = "offline-heuristics";

    public string Name => BackendName;

    public bool IsOffline => true;

    public Task<IReadOnlyList<BackendResult>> CompleteBatchAsync(IReadOnlyList<CompletionRequest> batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var results = new BackendResult[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            results[i] = Answer(batch[i]);
        }

        return Task.FromResult<IReadOnlyList<BackendResult>>(results);
    }

    public Task<bool> CheckHealthAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Answers one request; exposed for tests that check determinism without a router.</summary>
    public BackendResult Answer(CompletionRequest request)
    {
        var sampling = request.Sampling;
        var choices = new List<string>(sampling.N);
        var completionTokens = 0;
        var finish = "stop";
        IReadOnlyList<TokenLogprob>? logprobs = null;
        for (var j = 0; j < sampling.N; j++)
        {
            var choiceRequest = j == 0 ? request : request with { Sampling = sampling with { Seed = (sampling.Seed ?? 0) + j } };
            string raw;
            try
            {
                raw = responders.Respond(choiceRequest);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A responder that throws is a bug in a recipe's heuristic; report it as a failed request, not a crash.
                return BackendResult.Fail(FailureKind.ServerError, $"offline responder for purpose '{request.Purpose}' threw {ex.GetType().Name}: {ex.Message}");
            }

            var (text, tokens, reason) = TextShaping.Shape(raw, sampling.Stop, sampling.MaxTokens);
            choices.Add(text);
            completionTokens += tokens;
            if (j == 0)
            {
                finish = reason;
                if (sampling.Logprobs is { } top)
                {
                    logprobs = Logprobs(OfflineHeuristics.Seed(request), text, top);
                }
            }
        }

        if (string.IsNullOrWhiteSpace(choices[0]))
        {
            return BackendResult.Fail(FailureKind.EmptyText, $"offline responder for purpose '{request.Purpose}' produced empty text");
        }

        return BackendResult.Success(new Completion
        {
            Text = choices[0],
            FinishReason = finish,
            PromptTokens = TextShaping.CountWords(OfflineHeuristics.PromptText(request)),
            CompletionTokens = completionTokens,
            Logprobs = logprobs,
            Choices = choices,
            Model = ModelName,
            Backend = BackendName,
            IsOffline = true,
        });
    }

    private static List<TokenLogprob> Logprobs(ulong seed, string text, int top)
    {
        var tokens = TextShaping.Tokens(text);
        var result = new List<TokenLogprob>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var logprob = OfflineHeuristics.Logprob(seed, i, tokens[i]);
            var alternatives = new List<KeyValuePair<string, double>>(top);
            if (top > 0)
            {
                alternatives.Add(new(tokens[i], logprob));
            }

            for (var k = 1; k < top; k++)
            {
                alternatives.Add(new(string.Create(CultureInfo.InvariantCulture, $" alt{k}"), logprob - k));
            }

            result.Add(new TokenLogprob(tokens[i], logprob, alternatives));
        }

        return result;
    }
}
