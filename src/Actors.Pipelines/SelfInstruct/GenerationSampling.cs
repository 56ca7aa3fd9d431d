namespace Actors.Pipelines.SelfInstruct;

/// <summary>Sampling for instruction generation (<c>actors.self-instruct.generation</c>); defaults are the reference's.</summary>
public sealed record GenerationSampling
{
    /// <summary>Softmax temperature; default 0.7.</summary>
    public double Temperature { get; init; } = 0.7;

    /// <summary>Nucleus sampling mass; default 0.5.</summary>
    public double TopP { get; init; } = 0.5;

    /// <summary>Tokens generated at most per prompt; default 1024.</summary>
    public int MaxTokens { get; init; } = 1024;

    /// <summary>Presence penalty; default 2.0 (deliberately high, for new wording).</summary>
    public double PresencePenalty { get; init; } = 2.0;

    /// <summary>Frequency penalty; default 0.</summary>
    public double FrequencyPenalty { get; init; }

    /// <summary>
    /// Stop sequences; default a blank line and the line that would start item 16. Anchored to a line start,
    /// unlike the reference's "16.", which also fires inside "2016.".
    /// </summary>
    public IReadOnlyList<string> Stop { get; init; } = ["\n\n", "\n16.", "\n16 ."];
}
