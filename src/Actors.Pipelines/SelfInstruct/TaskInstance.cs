namespace Actors.Pipelines.SelfInstruct;

/// <summary>One input/output example of a task; the input is empty when the task needs none.</summary>
/// <param name="Input">What the task is applied to; empty for tasks without input.</param>
/// <param name="Output">The expected answer.</param>
public sealed record TaskInstance(string Input, string Output);
