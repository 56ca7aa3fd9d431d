using Actors.Inference;

namespace Actors.FakeLlm;

/// <summary>What a scripted responder sees: one choice of one prompt of a request.</summary>
internal sealed record FakeRequest
{
    /// <summary>The X-Actors-Purpose header, or empty.</summary>
    public required string Purpose { get; init; }

    /// <summary>The prompt; for chat, the messages rendered as "role: content" lines.</summary>
    public required string Prompt { get; init; }

    /// <summary>The chat messages; null for /v1/completions.</summary>
    public IReadOnlyList<ChatMessage>? Messages { get; init; }

    /// <summary>The prompt's position in the request's prompt array.</summary>
    public int PromptIndex { get; init; }

    /// <summary>The choice (0..n-1).</summary>
    public int ChoiceIndex { get; init; }

    public required string Model { get; init; }

    public double Temperature { get; init; }

    public double TopP { get; init; } = 1;

    public int MaxTokens { get; init; } = 16;

    public IReadOnlyList<string> Stop { get; init; } = [];

    public long? Seed { get; init; }

    public int N { get; init; } = 1;

    /// <summary>The same request as the router's type, so offline responders can answer it (choice j gets seed + j).</summary>
    public CompletionRequest ToCompletionRequest() => new()
    {
        Id = "fake",
        Purpose = Purpose,
        Prompt = Messages is null ? Prompt : null,
        Messages = Messages,
        Sampling = new SamplingParameters
        {
            Temperature = Temperature,
            TopP = TopP,
            MaxTokens = MaxTokens,
            Stop = Stop,
            N = 1,
            Seed = ChoiceIndex == 0 ? Seed : (Seed ?? 0) + ChoiceIndex,
        },
    };
}
