namespace Actors.Inference;

/// <summary>
/// The <c>actors.inference.retry</c> section: how often and how patiently a failed request is retried before it is
/// returned as <see cref="InferenceOutcome.Failed"/>. Delay before retry k (from 0) is
/// min(MaxBackoff, MinBackoff * 2^k) * (1 + random * RandomFactor), at least the server's Retry-After (capped at
/// MaxBackoff).
/// </summary>
public sealed record RetrySettings
{
    /// <summary>Attempts per request, the first included. Default 5.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Delay before the first retry. Default 500 ms.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap of the doubling delay. Default 30 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Random stretch of each delay, as a fraction (0 = none). Default 0.2.</summary>
    public double RandomFactor { get; init; } = 0.2;

    /// <summary>The delay before retry number <paramref name="retry"/> (0-based).</summary>
    /// <param name="retry">Retries made before this one.</param>
    /// <param name="random01">A random number in [0, 1].</param>
    /// <returns>The delay.</returns>
    public TimeSpan Delay(int retry, double random01)
    {
        var raw = MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Clamp(retry, 0, 62));
        var capped = Math.Min(MaxBackoff.TotalMilliseconds, raw);
        return TimeSpan.FromMilliseconds(capped * (1 + (Math.Clamp(random01, 0, 1) * RandomFactor)));
    }
}
