namespace Actors.Cluster;

/// <summary>What a <see cref="RunCommit"/> is written to: the store that created it.</summary>
internal interface ICommitTarget
{
    Task<CommitResult> CommitAsync(RunCommit commit, CancellationToken cancellationToken);
}
