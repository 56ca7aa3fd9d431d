namespace Actors.Streams.Actors;

/// <summary>
/// Where an actor sends the answer to an ask. Put it in the message; the actor calls
/// <see cref="Succeed"/> (or <see cref="Fail"/>). If the handler throws instead, the asker gets that
/// exception; if the actor stops first, the asker gets <see cref="ActorStoppedException"/>.
/// </summary>
public sealed class Reply<T> : IReplyTarget
{
    private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal Reply()
    {
    }

    internal Task<T> Answer => _answer.Task;

    /// <summary>Answers the ask. Later answers are ignored.</summary>
    public void Succeed(T value) => _answer.TrySetResult(value);

    /// <summary>Fails the ask. Later answers are ignored.</summary>
    public void Fail(Exception error) => _answer.TrySetException(error);
}

/// <summary>The untyped side of a <see cref="Reply{T}"/>, so a mailbox can fail any pending ask.</summary>
internal interface IReplyTarget
{
    void Fail(Exception error);
}
