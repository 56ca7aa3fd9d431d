namespace Actors.Streams.Stages;

/// <summary>A partitioner returned an index with no output: the element is routed nowhere, so the stage fails.</summary>
public sealed class PartitionOutOfRangeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PartitionOutOfRangeException()
        : base("The partitioner returned an index with no output.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PartitionOutOfRangeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PartitionOutOfRangeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
