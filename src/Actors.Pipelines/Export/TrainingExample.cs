namespace Actors.Pipelines.Export;

/// <summary>An instruction with one instance, ready to be written in a training format.</summary>
/// <param name="Instruction">The task.</param>
/// <param name="Input">The instance input; empty when the task needs none.</param>
/// <param name="Output">The expected answer.</param>
public sealed record TrainingExample(string Instruction, string Input, string Output);
