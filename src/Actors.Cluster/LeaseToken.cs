namespace Actors.Cluster;

/// <summary>
/// Proof of holding a lease (a shard lease or a singleton): the lease name, the holder and the fencing number.
/// The fencing number grows every time the lease is acquired (by anyone), so a token taken before a takeover
/// is stale forever; a commit that carries a stale or expired token fails with <see cref="FencedOffException"/>.
/// </summary>
/// <param name="Name">The lease name (<c>shard:...</c> for shard leases, <c>singleton:NAME</c> for singletons).</param>
/// <param name="Owner">The node that holds the lease.</param>
/// <param name="Fence">The fencing number, 1 on the first acquisition.</param>
public readonly record struct LeaseToken(string Name, NodeId Owner, long Fence)
{
    /// <summary>Returns <c>name@owner#fence</c>.</summary>
    public override string ToString() => $"{Name}@{Owner}#{Fence}";
}
