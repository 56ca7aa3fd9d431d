namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// The bootstrap gave up: <c>max-prompts-without-progress</c> prompts in a row added nothing to the pool. Retrying
/// would only repeat it, so a single-node run fails and a cluster job fails its bootstrap shard.
/// </summary>
public sealed class PoolStalledException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public PoolStalledException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public PoolStalledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public PoolStalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
