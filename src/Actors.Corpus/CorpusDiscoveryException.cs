namespace Actors.Corpus;

/// <summary>A corpus path that cannot be used: it does not exist, or a file has an extension no reader knows.</summary>
public sealed class CorpusDiscoveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CorpusDiscoveryException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    public CorpusDiscoveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public CorpusDiscoveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one path.</summary>
    /// <param name="path">The offending path.</param>
    /// <param name="message">What is wrong and what to do.</param>
    public CorpusDiscoveryException(string path, string message)
        : base(message) => Path = path;

    /// <summary>The offending path, when there is one.</summary>
    public string? Path { get; }
}
