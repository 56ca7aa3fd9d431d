namespace Actors.Inference;

/// <summary>
/// A model behind one device: answers batches of completion requests. Implementations: the OpenAI-compatible HTTP
/// backend and the offline heuristics; an in-process backend (ONNX Runtime) can implement the same interface.
/// </summary>
public interface IModelBackend : IAsyncDisposable
{
    /// <summary>The backend kind as shown in metadata and logs: openai, offline.</summary>
    string Name { get; }

    /// <summary>True when no model is involved (deterministic heuristics).</summary>
    bool IsOffline { get; }

    /// <summary>
    /// Answers a batch: one <see cref="BackendResult"/> per request, in the same order. Expected failures (timeouts,
    /// HTTP errors, resets, malformed or empty answers) are returned as failed results, never thrown.
    /// </summary>
    /// <param name="batch">The requests; the backend may split them into several calls (for example chat requests).</param>
    /// <param name="cancellationToken">Cancels the calls; the method then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The results, aligned with <paramref name="batch"/>.</returns>
    Task<IReadOnlyList<BackendResult>> CompleteBatchAsync(IReadOnlyList<CompletionRequest> batch, CancellationToken cancellationToken);

    /// <summary>True when the backend can serve requests now (for HTTP: GET /models answers 200).</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Whether the backend is healthy.</returns>
    Task<bool> CheckHealthAsync(CancellationToken cancellationToken);
}
