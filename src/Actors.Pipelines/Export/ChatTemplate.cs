namespace Actors.Pipelines.Export;

/// <summary>
/// How an example becomes chat messages (<c>actors.self-instruct.chat</c>): an optional system message, a
/// user message rendered from the instruction (and input), and the output as the assistant's reply.
/// </summary>
public sealed record ChatTemplate
{
    /// <summary>System message; empty for none. No placeholders.</summary>
    public required string System { get; init; }

    /// <summary>User message for examples with an input; placeholders <c>{instruction}</c> and <c>{input}</c>.</summary>
    public required string User { get; init; }

    /// <summary>User message for examples without input; placeholder <c>{instruction}</c>.</summary>
    public required string UserNoInput { get; init; }
}
