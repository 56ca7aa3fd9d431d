using System.Collections.Concurrent;

namespace Actors.Inference;

/// <summary>An <see cref="IResponseCache"/> in a concurrent dictionary: for one process, tests and benchmarks.</summary>
public sealed class InMemoryResponseCache : IResponseCache
{
    private readonly ConcurrentDictionary<string, Completion> _entries = new(StringComparer.Ordinal);

    /// <summary>Entries stored.</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public ValueTask<Completion?> TryGetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_entries.TryGetValue(key, out var completion) ? completion : null);

    /// <inheritdoc />
    public ValueTask PutAsync(string key, Completion completion, CancellationToken cancellationToken)
    {
        _entries[key] = completion;
        return ValueTask.CompletedTask;
    }
}
