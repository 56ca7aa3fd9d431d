namespace Actors.Cluster;

/// <summary>
/// Identifies a shard (one input file) within a run. Records are addressed by (shard, ordinal).
/// </summary>
public readonly record struct ShardId
{
    /// <summary>Creates a shard id.</summary>
    /// <param name="value">A non-empty string of at most 200 characters, stable across runs of the same input.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public ShardId(string value) => Value = IdRules.Validate(value, nameof(ShardId));

    /// <summary>The raw id.</summary>
    public string Value { get; }

    /// <summary>Returns the raw id.</summary>
    public override string ToString() => Value ?? string.Empty;
}
