namespace Actors.Cluster;

/// <summary>
/// A commit carried a lease token that is no longer valid: the lease expired, was released, or was taken over
/// (its fencing number moved on). Nothing of the commit was written. The holder must stop work under that lease.
/// </summary>
public sealed class FencedOffException : Exception
{
    /// <summary>Creates the exception for a stale token.</summary>
    /// <param name="token">The token the commit carried.</param>
    /// <param name="reason">What the store found instead.</param>
    public FencedOffException(LeaseToken token, string reason)
        : base($"Lease {token.Name} no longer belongs to {token.Owner} with fence {token.Fence}: {reason}. Nothing was committed; stop work under this lease.")
    {
        Token = token;
    }

    /// <summary>Creates the exception.</summary>
    public FencedOffException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FencedOffException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public FencedOffException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The stale token.</summary>
    public LeaseToken Token { get; }
}
