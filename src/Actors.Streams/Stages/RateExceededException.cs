namespace Actors.Streams.Stages;

/// <summary>An enforcing <c>Throttle</c> saw elements faster than its rate.</summary>
public sealed class RateExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RateExceededException()
        : base("The rate limit was exceeded.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RateExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public RateExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
