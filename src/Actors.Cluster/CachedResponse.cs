namespace Actors.Cluster;

/// <summary>
/// A model response kept so that resuming does not pay the GPU again. The key is the caller's
/// hash(model, prompt, parameters); the store treats it as opaque. The cache is shared by all runs.
/// </summary>
/// <param name="Key">The cache key.</param>
/// <param name="Model">The model that produced the completion.</param>
/// <param name="CompletionJson">The completion as JSON text.</param>
public sealed record CachedResponse(string Key, string Model, string CompletionJson)
{
    /// <summary>When the response was stored (store clock); ignored on put.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
