namespace Actors.Pipelines.SelfInstruct;

/// <summary>An instruction parsed from a generated list.</summary>
/// <param name="Number">Its number in the list (the first new one has the prompt's next number).</param>
/// <param name="Text">The instruction: whitespace runs collapsed to one space, trimmed, casing untouched.</param>
public sealed record GeneratedInstruction(int Number, string Text);
