namespace Actors.Cluster;

/// <summary>A part file recorded by a commit.</summary>
/// <param name="Part">The file as the sink described it.</param>
/// <param name="Commit">The commit that recorded it.</param>
/// <param name="CommitSequence">That commit's position in the store's commit order.</param>
/// <param name="CommittedAt">When it was committed (store clock).</param>
public sealed record CommittedPart(PartFile Part, CommitId Commit, long CommitSequence, DateTimeOffset CommittedAt);
