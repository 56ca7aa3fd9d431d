namespace Actors.Cluster;

/// <summary>
/// Identifies one commit. A commit retried with the same id is applied at most once, so a commit whose
/// acknowledgement was lost (connection reset during COMMIT) can be sent again safely.
/// </summary>
public readonly record struct CommitId
{
    /// <summary>Creates a commit id from a caller-chosen value (for example derived from the part file name).</summary>
    /// <param name="value">A non-empty string of at most 200 characters.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public CommitId(string value) => Value = IdRules.Validate(value, nameof(CommitId));

    /// <summary>The raw id.</summary>
    public string Value { get; }

    /// <summary>A new random id.</summary>
    public static CommitId New() => new(Guid.NewGuid().ToString("N"));

    /// <summary>Returns the raw id.</summary>
    public override string ToString() => Value ?? string.Empty;
}
