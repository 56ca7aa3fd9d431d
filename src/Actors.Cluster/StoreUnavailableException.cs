namespace Actors.Cluster;

/// <summary>
/// The store kept failing with transient errors (PostgreSQL restarting or unreachable, SQLite locked by another
/// process) for longer than <see cref="StoreSettings.RetryDeadline"/>. Retrying later is safe: commits are
/// idempotent by <see cref="CommitId"/>. A node that gets this must assume it lost its leases.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the last transient error.</summary>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
