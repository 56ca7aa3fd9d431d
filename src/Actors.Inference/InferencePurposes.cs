namespace Actors.Inference;

/// <summary>The purpose tags the recipes use (any other string works too).</summary>
public static class InferencePurposes
{
    /// <summary>Backtranslation: write the instruction a web text answers.</summary>
    public const string Label = "label";

    /// <summary>Backtranslation: rate an (instruction, answer) pair 1-5 ("Score: n").</summary>
    public const string Score = "score";

    /// <summary>Self-Instruct: continue a numbered list of instructions.</summary>
    public const string GenerateInstructions = "generate-instructions";

    /// <summary>Self-Instruct: is this a classification task? (Yes/No)</summary>
    public const string Classify = "classify";

    /// <summary>Self-Instruct: write input/output instances for an instruction.</summary>
    public const string GenerateInstances = "generate-instances";
}
