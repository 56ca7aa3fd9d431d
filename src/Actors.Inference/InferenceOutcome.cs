namespace Actors.Inference;

/// <summary>
/// What <see cref="InferenceRouter.CompleteAsync"/> returns: <see cref="Succeeded"/> with the completion, or
/// <see cref="Failed"/> with the kind and reason of the last failure after retries (the caller dead-letters it).
/// </summary>
public abstract record InferenceOutcome
{
    private InferenceOutcome()
    {
    }

    /// <summary>The request was answered.</summary>
    /// <param name="Completion">The answer.</param>
    public sealed record Succeeded(Completion Completion) : InferenceOutcome;

    /// <summary>The request finally failed; nothing more will be tried.</summary>
    /// <param name="Kind">The kind of the last failure.</param>
    /// <param name="Reason">What happened, for people: the device, status and message of the last failure.</param>
    /// <param name="Attempts">Calls made to backends for this request.</param>
    /// <param name="Request">The request, for the dead-letter record.</param>
    public sealed record Failed(FailureKind Kind, string Reason, int Attempts, CompletionRequest Request) : InferenceOutcome;
}
