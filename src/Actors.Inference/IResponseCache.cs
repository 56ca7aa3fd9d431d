namespace Actors.Inference;

/// <summary>
/// Stores completions by <see cref="ResponseCacheKey"/>, so resumed work does not pay for the same generation
/// twice. The run store implements it durably; <see cref="InMemoryResponseCache"/> is the in-process one.
/// Implementations must be safe to call concurrently.
/// </summary>
public interface IResponseCache
{
    /// <summary>The completion stored under <paramref name="key"/>, or null.</summary>
    /// <param name="key">A key from <see cref="ResponseCacheKey.Compute"/>.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The stored completion or null.</returns>
    ValueTask<Completion?> TryGetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="completion"/> under <paramref name="key"/> (replacing any earlier one).</summary>
    /// <param name="key">A key from <see cref="ResponseCacheKey.Compute"/>.</param>
    /// <param name="completion">The completion as generated (<see cref="Completion.FromCache"/> false).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask PutAsync(string key, Completion completion, CancellationToken cancellationToken);
}
