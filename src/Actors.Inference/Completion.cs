namespace Actors.Inference;

/// <summary>A model's answer to one <see cref="CompletionRequest"/>, with where it came from.</summary>
public sealed record Completion
{
    /// <summary>The first choice's text.</summary>
    public required string Text { get; init; }

    /// <summary>Why the first choice ended: stop (a stop sequence or end of text) or length (the token limit).</summary>
    public string FinishReason { get; init; } = "stop";

    /// <summary>Tokens in the prompt (for a batched call: the batch's usage shared out, see the backend).</summary>
    public int PromptTokens { get; init; }

    /// <summary>Tokens generated over all choices.</summary>
    public int CompletionTokens { get; init; }

    /// <summary>Log-probabilities of the first choice's tokens, when the request asked for them.</summary>
    public IReadOnlyList<TokenLogprob>? Logprobs { get; init; }

    /// <summary>The texts of all n choices, in choice order; the first equals <see cref="Text"/>.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>The model that generated it, as the server named it.</summary>
    public string Model { get; init; } = "";

    /// <summary>The device (configuration key) that served it.</summary>
    public string Device { get; init; } = "";

    /// <summary>The backend kind: openai or offline.</summary>
    public string Backend { get; init; } = "";

    /// <summary>True when no model was involved: the offline backend's deterministic heuristics made the text.</summary>
    public bool IsOffline { get; init; }

    /// <summary>True when it was served from the response cache, not generated now.</summary>
    public bool FromCache { get; init; }
}
