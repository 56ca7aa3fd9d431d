namespace Actors.Cluster;

/// <summary>A shard a node has just acquired, with the token its commits must carry.</summary>
/// <param name="Run">The run (job) the shard belongs to.</param>
/// <param name="Shard">The shard id.</param>
/// <param name="Path">Where to read the shard.</param>
/// <param name="SizeBytes">Size recorded at registration.</param>
/// <param name="Token">The lease token; renew it at half the lease TTL and pass it to <see cref="IRunStore.BeginCommit"/>.</param>
public sealed record ShardLease(RunId Run, ShardId Shard, string Path, long SizeBytes, LeaseToken Token);
