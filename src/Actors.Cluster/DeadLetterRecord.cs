namespace Actors.Cluster;

/// <summary>A dead letter as stored.</summary>
/// <param name="Id">Its position in the store (increasing).</param>
/// <param name="Letter">The dead letter.</param>
/// <param name="CreatedAt">When it was committed (store clock).</param>
public sealed record DeadLetterRecord(long Id, DeadLetter Letter, DateTimeOffset CreatedAt);
