namespace Actors.Streams.Supervision;

/// <summary>
/// Exponential backoff for restarts: delay = min(MaxBackoff, MinBackoff * 2^n) * (1 + random * RandomFactor).
/// The restart count resets once <see cref="MaxRestartsWithin"/> passes without a restart.
/// Defaults match <c>actors.streams.restart</c> in hocon/reference.conf.
/// </summary>
public sealed record RestartSettings
{
    /// <summary>Delay before the first restart. Default 200 ms.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap of the exponential part of the delay. Default 30 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra random delay, as a fraction of the capped delay (0 = none). Default 0.2.</summary>
    public double RandomFactor { get; init; } = 0.2;

    /// <summary>Restarts allowed within <see cref="MaxRestartsWithin"/>; past that the wrapper gives up.</summary>
    public int MaxRestarts { get; init; } = int.MaxValue;

    /// <summary>The window for <see cref="MaxRestarts"/>; the count resets after a quiet window.</summary>
    public TimeSpan MaxRestartsWithin { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Computes the delay before restart number <paramref name="restartCount"/> (0-based).</summary>
    public TimeSpan Delay(int restartCount, double random01)
    {
        if (random01 is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(random01), random01, "Must be in [0, 1].");
        }

        var exponent = Math.Min(restartCount, 62);
        var raw = MinBackoff.TotalMilliseconds * Math.Pow(2, exponent);
        var capped = Math.Min(MaxBackoff.TotalMilliseconds, raw);
        return TimeSpan.FromMilliseconds(capped * (1 + (random01 * RandomFactor)));
    }
}
