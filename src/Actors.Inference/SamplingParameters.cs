namespace Actors.Inference;

/// <summary>
/// How a model samples one completion: the OpenAI-compatible sampling fields every supported server accepts.
/// Requests with equal parameters (by value) can share one batched HTTP call.
/// </summary>
public sealed record SamplingParameters
{
    /// <summary>Softmax temperature; 0 is greedy. Default 0.</summary>
    public double Temperature { get; init; }

    /// <summary>Nucleus sampling mass. Default 1 (off).</summary>
    public double TopP { get; init; } = 1;

    /// <summary>Tokens generated at most per choice. Default 256.</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Sequences that end a generation; the stop text itself is not returned. Default none.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>Penalty on tokens that already appeared at all. Default 0.</summary>
    public double PresencePenalty { get; init; }

    /// <summary>Penalty growing with how often a token already appeared. Default 0.</summary>
    public double FrequencyPenalty { get; init; }

    /// <summary>Choices generated per prompt. Default 1.</summary>
    public int N { get; init; } = 1;

    /// <summary>Sampling seed, for servers that honour one; null lets the server choose.</summary>
    public long? Seed { get; init; }

    /// <summary>Top alternatives returned with each token's log-probability; null asks for no log-probabilities.</summary>
    public int? Logprobs { get; init; }

    /// <summary>True when <paramref name="other"/> samples identically (stop sequences compared by value).</summary>
    /// <param name="other">The parameters to compare with.</param>
    /// <returns>Whether both would be sent with the same JSON fields.</returns>
    public bool SameAs(SamplingParameters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Temperature.Equals(other.Temperature) && TopP.Equals(other.TopP) && MaxTokens == other.MaxTokens
            && PresencePenalty.Equals(other.PresencePenalty) && FrequencyPenalty.Equals(other.FrequencyPenalty)
            && N == other.N && Seed == other.Seed && Logprobs == other.Logprobs && Stop.SequenceEqual(other.Stop, StringComparer.Ordinal);
    }
}
