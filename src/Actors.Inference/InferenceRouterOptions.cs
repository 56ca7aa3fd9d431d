namespace Actors.Inference;

/// <summary>What the router needs besides its settings: clock, cache, offline heuristics, dead letters, log.</summary>
public sealed record InferenceRouterOptions
{
    /// <summary>The clock for batching waits, timeouts, backoff and health checks. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The response cache; null: none. Offline completions are never cached (they cost nothing).</summary>
    public IResponseCache? Cache { get; init; }

    /// <summary>Per-purpose heuristics of the offline backend; null: the generic fallback for every purpose.</summary>
    public OfflineResponders? OfflineResponders { get; init; }

    /// <summary>
    /// Called once for every request that finally fails, with its reason (the same value
    /// <see cref="InferenceRouter.CompleteAsync"/> returns). Called from router threads: keep it quick and thread-safe.
    /// </summary>
    public Action<InferenceOutcome.Failed>? DeadLetters { get; init; }

    /// <summary>
    /// Receives one line per notable event: devices starting, going out of service, recovering, restarting their
    /// server, and the offline notice. Never carries the API key. Null: silent.
    /// </summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Builds the backend of a device instead of the built-in ones (an in-process backend, a test double). Null: openai
    /// devices get the HTTP backend and offline devices the heuristics.
    /// </summary>
    public Func<string, DeviceSettings, IModelBackend>? BackendFactory { get; init; }

    /// <summary>Reads environment variables (the API key); null: the process environment.</summary>
    public Func<string, string?>? Environment { get; init; }
}
