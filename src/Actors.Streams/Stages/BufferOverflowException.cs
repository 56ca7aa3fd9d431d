namespace Actors.Streams.Stages;

/// <summary>A <c>Buffer</c> with <see cref="OverflowStrategy.Fail"/> was full when an element arrived.</summary>
public sealed class BufferOverflowException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BufferOverflowException()
        : base("The buffer is full.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BufferOverflowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public BufferOverflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
