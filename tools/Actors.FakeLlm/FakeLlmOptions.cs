using Actors.Inference;

namespace Actors.FakeLlm;

/// <summary>
/// Settings of a fake-llm server.
/// </summary>
/// <remarks>
/// Capacity model (what benchmarks compute "theoretical capacity" from): the server runs at most
/// <see cref="MaxConcurrentSequences"/> sequences at once; a request of k prompts with n choices needs k*n sequences
/// (capped at the maximum) and waits, first come first served, until that many are free. It then holds them for
/// latency = <see cref="BaseLatency"/> + <see cref="PerTokenLatency"/> * T * (1 + <see cref="BatchSlowdown"/> * occupancy),
/// where T is the longest choice's completion tokens (words) and occupancy is the fraction of sequences busy once it
/// was admitted. With BatchSlowdown = 0 and T fixed, one server completes at most
/// MaxConcurrentSequences / (BaseLatency + PerTokenLatency * T) sequences per second.
/// </remarks>
internal sealed record FakeLlmOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The one model served (GET /v1/models); requests naming another get 404.</summary>
    public string Model { get; init; } = "fake-model";

    public int MaxConcurrentSequences { get; init; } = 64;

    public TimeSpan BaseLatency { get; init; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan PerTokenLatency { get; init; } = TimeSpan.Zero;

    public double BatchSlowdown { get; init; }

    /// <summary>Words the default responder generates per choice (before max_tokens applies).</summary>
    public int DefaultCompletionTokens { get; init; } = 12;

    public FakeFaults Faults { get; init; } = FakeFaults.None;

    /// <summary>Seed of the fault draws.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How long a "hang" holds the request when the client does not give up first.</summary>
    public TimeSpan HangTime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Retry-After sent with injected 429s; null sends none.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Canned responses per purpose (the --script file).</summary>
    public FakeScript? Script { get; init; }

    /// <summary>Responders per purpose, tried before the script.</summary>
    public IReadOnlyDictionary<string, Func<FakeRequest, string>> Responders { get; init; } = new Dictionary<string, Func<FakeRequest, string>>();

    /// <summary>When set, requests must carry "Authorization: Bearer KEY" or get 401.</summary>
    public string? RequireApiKey { get; init; }

    /// <summary>These options with every purpose of <paramref name="responders"/> answered by the offline heuristics.</summary>
    public FakeLlmOptions WithOfflineResponders(OfflineResponders responders)
    {
        var merged = new Dictionary<string, Func<FakeRequest, string>>(Responders, StringComparer.Ordinal);
        foreach (var purpose in responders.Purposes)
        {
            merged[purpose] = r => responders.Respond(r.ToCompletionRequest());
        }

        return this with { Responders = merged };
    }
}
