namespace Actors.Cluster;

/// <summary>One shard's progress, as <c>actors status</c> shows it.</summary>
/// <param name="Id">The shard id.</param>
/// <param name="Path">Where the shard is read from.</param>
/// <param name="SizeBytes">Size recorded at registration.</param>
/// <param name="State">Pending, done or failed.</param>
/// <param name="CommittedRecords">Records whose outputs are all in committed part files.</param>
/// <param name="TotalRecords">Records in the shard, known once it was read to the end (set when completed).</param>
/// <param name="Parts">Committed part files that came from this shard.</param>
/// <param name="Rows">Rows in those part files.</param>
/// <param name="Owner">The node holding a live lease on the shard, if any.</param>
/// <param name="LeaseExpiresAt">When that lease expires (store clock), if any.</param>
/// <param name="Failure">Why the shard failed, for <see cref="ShardState.Failed"/>.</param>
public sealed record ShardProgress(
    ShardId Id,
    string Path,
    long SizeBytes,
    ShardState State,
    long CommittedRecords,
    long? TotalRecords,
    long Parts,
    long Rows,
    NodeId? Owner,
    DateTimeOffset? LeaseExpiresAt,
    string? Failure);
