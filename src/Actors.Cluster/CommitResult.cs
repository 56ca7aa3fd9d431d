namespace Actors.Cluster;

/// <summary>The result of <see cref="RunCommit.CommitAsync"/>.</summary>
/// <param name="Id">The commit id.</param>
/// <param name="Sequence">The commit's position in the store's commit order (increasing, with gaps).</param>
/// <param name="AlreadyApplied">
/// True when a commit with this id had been applied before (a retry after a lost acknowledgement); nothing was
/// applied twice.
/// </param>
public sealed record CommitResult(CommitId Id, long Sequence, bool AlreadyApplied);
