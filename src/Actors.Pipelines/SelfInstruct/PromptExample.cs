namespace Actors.Pipelines.SelfInstruct;

/// <summary>One in-context instruction of a generation prompt.</summary>
/// <param name="Text">The instruction as shown in the prompt (whitespace collapsed, trailing colons removed).</param>
/// <param name="SourceId">The seed task id, or the pool id of a machine-generated instruction.</param>
/// <param name="IsMachineGenerated">True for an instruction taken from the pool of accepted generations.</param>
public sealed record PromptExample(string Text, string SourceId, bool IsMachineGenerated);
