namespace Actors.Pipelines.SelfInstruct;

/// <summary>Which instance-generation prompt a task gets.</summary>
public enum InstanceRoute
{
    /// <summary>Inputs first, then outputs: for generation (non-classification) tasks.</summary>
    InputFirst,

    /// <summary>Class labels first, then an input for each: for classification tasks, so inputs are not skewed to one label.</summary>
    OutputFirst,
}
