namespace Actors.Streams.Stages;

/// <summary>How <c>Throttle</c> treats elements that arrive faster than the rate.</summary>
public enum ThrottleMode
{
    /// <summary>Delay them until the rate allows (backpressure).</summary>
    Shaping,

    /// <summary>Fail the stream with <see cref="RateExceededException"/>.</summary>
    Enforcing,
}
