namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// The typed answer to "is it a classification task?". Only <see cref="ClassificationVerdict.Yes"/> and
/// <see cref="ClassificationVerdict.No"/> decide anything; the other two are to be retried, unlike the
/// reference scripts, which read any other text (or a failed call) as No.
/// </summary>
/// <param name="Verdict">Yes, No, or why there is no decision.</param>
/// <param name="Raw">The completion as received (null when the request failed).</param>
/// <param name="Problem">For Unparseable and Failed: what was wrong.</param>
public sealed record ClassificationAnswer(ClassificationVerdict Verdict, string? Raw, string? Problem = null)
{
    /// <summary>True for Yes or No.</summary>
    public bool IsDecided => Verdict is ClassificationVerdict.Yes or ClassificationVerdict.No;

    /// <summary>The route instances of the task take; throws when the answer decided nothing.</summary>
    public InstanceRoute Route => Verdict switch
    {
        ClassificationVerdict.Yes => InstanceRoute.OutputFirst,
        ClassificationVerdict.No => InstanceRoute.InputFirst,
        _ => throw new InvalidOperationException($"A {Verdict} classification answer has no route; retry the question ({Problem})."),
    };

    /// <summary>The answer for a request that failed with <paramref name="reason"/>.</summary>
    public static ClassificationAnswer Failed(string reason) => new(ClassificationVerdict.Failed, null, reason);
}
