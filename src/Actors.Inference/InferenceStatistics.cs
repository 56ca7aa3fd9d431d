namespace Actors.Inference;

/// <summary>
/// Router totals since start: every request the router accepted ends as exactly one of succeeded or failed, so
/// <c>Accepted == Succeeded + Failed + InProgress</c> at any time.
/// </summary>
public sealed record InferenceStatistics
{
    /// <summary>Requests accepted by <see cref="InferenceRouter.CompleteAsync"/> (cancelled ones included).</summary>
    public long Accepted { get; init; }

    /// <summary>Requests answered, cache hits included.</summary>
    public long Succeeded { get; init; }

    /// <summary>Requests returned as <see cref="InferenceOutcome.Failed"/> (dead letters).</summary>
    public long Failed { get; init; }

    /// <summary>Requests the caller cancelled.</summary>
    public long Cancelled { get; init; }

    /// <summary>Requests still in progress.</summary>
    public long InProgress { get; init; }

    /// <summary>Answers served from the response cache.</summary>
    public long CacheHits { get; init; }

    /// <summary>Retries scheduled after failed attempts.</summary>
    public long Retries { get; init; }

    /// <summary>Requests handed back by a device that went out of service and sent elsewhere.</summary>
    public long Handoffs { get; init; }

    /// <summary>Failed requests by the kind of their last failure.</summary>
    public IReadOnlyDictionary<FailureKind, long> FailedByKind { get; init; } = new Dictionary<FailureKind, long>();
}
