namespace Actors.Inference;

/// <summary>
/// One generation asked of a model: a raw prompt (sent to <c>/v1/completions</c>) or chat messages (sent to
/// <c>/v1/chat/completions</c>), a purpose tag, and sampling parameters.
/// </summary>
/// <remarks>Exactly one of <see cref="Prompt"/> and <see cref="Messages"/> must be set.</remarks>
public sealed record CompletionRequest
{
    /// <summary>The caller's id for this request, carried into dead letters; not part of the cache key.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// What the generation is for (<see cref="InferencePurposes"/>: label, score, generate-instructions, classify,
    /// generate-instances, or your own). Picks the offline heuristic and is sent as the <c>X-Actors-Purpose</c> header.
    /// </summary>
    public required string Purpose { get; init; }

    /// <summary>The raw prompt, for completion-style models; null when <see cref="Messages"/> is set.</summary>
    public string? Prompt { get; init; }

    /// <summary>The conversation, for chat models; null when <see cref="Prompt"/> is set.</summary>
    public IReadOnlyList<ChatMessage>? Messages { get; init; }

    /// <summary>Sampling parameters. Default: greedy, 256 tokens.</summary>
    public SamplingParameters Sampling { get; init; } = new();

    /// <summary>The model that must serve this request; null lets any device serve it.</summary>
    public string? Model { get; init; }

    /// <summary>
    /// When true a completion cut off by the token limit (<c>finish_reason: length</c>) counts as a failure of kind
    /// <see cref="FailureKind.Truncated"/> and is retried; when false (default) it is returned with
    /// <see cref="Completion.FinishReason"/> "length".
    /// </summary>
    public bool FailOnTruncation { get; init; }

    /// <summary>True for chat requests.</summary>
    public bool IsChat => Messages is not null;

    /// <summary>Throws when the request is not well formed (programmer error).</summary>
    /// <exception cref="ArgumentException">Neither or both of prompt and messages are set, or a field is out of range.</exception>
    public void Validate()
    {
        if ((Prompt is null) == (Messages is null))
        {
            throw new ArgumentException($"Request '{Id}': set exactly one of Prompt and Messages.");
        }

        if (string.IsNullOrWhiteSpace(Purpose))
        {
            throw new ArgumentException($"Request '{Id}': Purpose is required (for example \"label\").");
        }

        if (Sampling.N < 1 || Sampling.MaxTokens < 1)
        {
            throw new ArgumentException($"Request '{Id}': Sampling.N and Sampling.MaxTokens must be at least 1.");
        }

        if (Sampling.Logprobs is < 0)
        {
            throw new ArgumentException($"Request '{Id}': Sampling.Logprobs must be null or at least 0.");
        }
    }
}
