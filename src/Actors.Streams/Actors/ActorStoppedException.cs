namespace Actors.Streams.Actors;

/// <summary>A message was sent to, or an ask was pending at, an actor that has stopped.</summary>
public sealed class ActorStoppedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActorStoppedException()
        : base("The actor has stopped.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ActorStoppedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ActorStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
