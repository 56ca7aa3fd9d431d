namespace Actors.Pipelines.SelfInstruct;

/// <summary>What the "is it a classification task?" question yielded.</summary>
public enum ClassificationVerdict
{
    /// <summary>The model answered Yes: a classification task (instances are generated output-first).</summary>
    Yes,

    /// <summary>The model answered No: a generation task (instances are generated input-first).</summary>
    No,

    /// <summary>The answer was neither Yes nor No; ask again (never read as No).</summary>
    Unparseable,

    /// <summary>The request failed (no answer at all); ask again (never read as No).</summary>
    Failed,
}
