namespace Actors.Metrics.Dashboard;

/// <summary>One node or process whose snapshot is on the dashboard, and how old it is.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Time">When its snapshot was taken.</param>
/// <param name="AgeSeconds">Seconds between that and the dashboard's time.</param>
public sealed record NodeStatus(string Node, DateTimeOffset Time, double AgeSeconds);
