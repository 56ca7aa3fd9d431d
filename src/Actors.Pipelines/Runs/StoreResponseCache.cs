using System.Text.Json;
using Actors.Cluster;
using Actors.Inference;

namespace Actors.Pipelines.Runs;

/// <summary>
/// The response cache kept in the run store, so a resumed run (or another node) does not pay the model
/// again for a generation that was made but not yet committed.
/// </summary>
public sealed class StoreResponseCache : IResponseCache
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private readonly IRunStore _store;

    /// <summary>Caches in <paramref name="store"/>.</summary>
    public StoreResponseCache(IRunStore store) => _store = store;

    /// <inheritdoc />
    public async ValueTask<Completion?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        var found = await _store.GetCachedResponsesAsync([key], cancellationToken).ConfigureAwait(false);
        return found.TryGetValue(key, out var cached) ? JsonSerializer.Deserialize<Completion>(cached.CompletionJson, s_json) : null;
    }

    /// <inheritdoc />
    public async ValueTask PutAsync(string key, Completion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var json = JsonSerializer.Serialize(completion with { FromCache = false }, s_json);
        await _store.PutCachedResponsesAsync([new CachedResponse(key, completion.Model, json)], cancellationToken).ConfigureAwait(false);
    }
}
