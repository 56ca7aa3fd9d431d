namespace Actors.Pipelines.SelfInstruct;

/// <summary>Why a completion ended, as the backend reports it (OpenAI's <c>finish_reason</c>).</summary>
public enum GenerationFinish
{
    /// <summary>A stop sequence matched or the model ended its answer (<c>stop</c>).</summary>
    Stop,

    /// <summary>The token limit cut the answer (<c>length</c>): the last item is incomplete.</summary>
    Length,

    /// <summary>The backend did not say.</summary>
    Unknown,
}
