namespace Actors.Pipelines.SelfInstruct;

/// <summary>Sampling for the classification question (<c>actors.self-instruct.classification</c>).</summary>
public sealed record ClassificationSampling
{
    /// <summary>Softmax temperature; default 0 (greedy).</summary>
    public double Temperature { get; init; }

    /// <summary>Tokens generated at most; default 3, enough for " Yes" or " No".</summary>
    public int MaxTokens { get; init; } = 3;

    /// <summary>Stop sequences; default a newline (the answer is one line).</summary>
    public IReadOnlyList<string> Stop { get; init; } = ["\n"];
}
