using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// Select (map). Emits when the function returns for an element and downstream has room.
/// Backpressures when downstream backpressures. Completes when upstream completes. Cancels when
/// downstream cancels. Supervision: yes (Resume and Restart drop the element).
/// </summary>
internal sealed class SelectStage<TIn, TOut>(StageContext stage, Edge<TIn> input, Edge<TOut> output, Func<TIn, TOut> selector)
    : LinearStage<TIn, TOut>(stage, input, output)
{
    protected override ValueTask OnPushAsync(TIn element) => PushAsync(selector(element));
}
