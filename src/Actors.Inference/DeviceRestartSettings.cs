namespace Actors.Inference;

/// <summary>
/// The <c>actors.inference.restart</c> section: exponential backoff with jitter between restarts of a device. The
/// delay before restart k (from 0) is min(MaxBackoff, MinBackoff * 2^k) * (1 + random * RandomFactor); the count
/// resets once the device has been healthy again.
/// </summary>
public sealed record DeviceRestartSettings
{
    /// <summary>Delay before the first restart. Default 1 s.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the doubling delay. Default 1 minute.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Random stretch of each delay, as a fraction. Default 0.2.</summary>
    public double RandomFactor { get; init; } = 0.2;

    /// <summary>The delay before restart number <paramref name="restart"/> (0-based).</summary>
    /// <param name="restart">Restarts made since the device was last healthy.</param>
    /// <param name="random01">A random number in [0, 1].</param>
    /// <returns>The delay.</returns>
    public TimeSpan Delay(int restart, double random01)
    {
        var raw = MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Clamp(restart, 0, 62));
        var capped = Math.Min(MaxBackoff.TotalMilliseconds, raw);
        return TimeSpan.FromMilliseconds(capped * (1 + (Math.Clamp(random01, 0, 1) * RandomFactor)));
    }
}
