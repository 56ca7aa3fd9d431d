namespace Actors.Pipelines.SelfInstruct;

/// <summary>Sampling for instance generation (<c>actors.self-instruct.instances</c>); defaults are the reference's.</summary>
public sealed record InstanceSampling
{
    /// <summary>Softmax temperature; default 0 (greedy).</summary>
    public double Temperature { get; init; }

    /// <summary>Nucleus sampling mass; default 0 (greedy).</summary>
    public double TopP { get; init; }

    /// <summary>Tokens generated at most per prompt; default 350.</summary>
    public int MaxTokens { get; init; } = 350;

    /// <summary>Presence penalty; default 1.5, against repeating the same instance.</summary>
    public double PresencePenalty { get; init; } = 1.5;

    /// <summary>Stop sequences; default the line that would start a sixth example, and a new task.</summary>
    public IReadOnlyList<string> Stop { get; init; } = ["\nExample 6", "\nTask:"];
}
