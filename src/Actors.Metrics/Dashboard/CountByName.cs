namespace Actors.Metrics.Dashboard;

/// <summary>A named count (a drop reason and how many).</summary>
/// <param name="Name">The name.</param>
/// <param name="Count">How many.</param>
public sealed record CountByName(string Name, double Count);
