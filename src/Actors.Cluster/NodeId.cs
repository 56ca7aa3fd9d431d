namespace Actors.Cluster;

/// <summary>Identifies a cluster node (the <c>actors.cluster.node-name</c>, or the host name).</summary>
public readonly record struct NodeId
{
    /// <summary>Creates a node id.</summary>
    /// <param name="value">A non-empty string of at most 200 characters.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public NodeId(string value) => Value = IdRules.Validate(value, nameof(NodeId));

    /// <summary>The raw id.</summary>
    public string Value { get; }

    /// <summary>Returns the raw id.</summary>
    public override string ToString() => Value ?? string.Empty;
}
