namespace Actors.Inference;

/// <summary>
/// A backend's answer to one request of a batch: a completion, or a classified failure. Backends return one per
/// request, in batch order, and never throw for an expected failure.
/// </summary>
public sealed record BackendResult
{
    private BackendResult()
    {
    }

    /// <summary>The completion; null on failure.</summary>
    public Completion? Completion { get; private init; }

    /// <summary>The failure's kind; null on success.</summary>
    public FailureKind? Failure { get; private init; }

    /// <summary>What went wrong, for people; null on success.</summary>
    public string? Reason { get; private init; }

    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>True when <see cref="Completion"/> is set.</summary>
    public bool IsSuccess => Completion is not null;

    /// <summary>A successful result.</summary>
    /// <param name="completion">The completion.</param>
    /// <returns>The result.</returns>
    public static BackendResult Success(Completion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return new BackendResult { Completion = completion };
    }

    /// <summary>A failed result.</summary>
    /// <param name="kind">The classification.</param>
    /// <param name="reason">What happened (status, message); never a secret.</param>
    /// <param name="retryAfter">The server's Retry-After, if any.</param>
    /// <returns>The result.</returns>
    public static BackendResult Fail(FailureKind kind, string reason, TimeSpan? retryAfter = null) =>
        new() { Failure = kind, Reason = reason, RetryAfter = retryAfter };
}
