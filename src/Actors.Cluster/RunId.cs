namespace Actors.Cluster;

/// <summary>
/// Identifies a run (in the cluster also called a job): one execution of a recipe over its inputs, with one
/// effective configuration. The value is chosen by the caller (the CLI uses the job name or a generated id).
/// </summary>
public readonly record struct RunId
{
    /// <summary>Creates a run id.</summary>
    /// <param name="value">A non-empty string of at most 200 characters.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public RunId(string value) => Value = IdRules.Validate(value, nameof(RunId));

    /// <summary>The raw id.</summary>
    public string Value { get; }

    /// <summary>Returns the raw id.</summary>
    public override string ToString() => Value ?? string.Empty;
}
