using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// SelectMany (mapConcat). Emits each element of the sequence returned for an input, in order.
/// Backpressures when downstream backpressures (the sequence is not pulled ahead). Completes when upstream
/// completes and the last sequence is emitted. Cancels when downstream cancels. Supervision: yes; a
/// failure half-way through a sequence drops the rest of that sequence.
/// </summary>
internal sealed class SelectManyStage<TIn, TOut>(StageContext stage, Edge<TIn> input, Edge<TOut> output, Func<TIn, IEnumerable<TOut>> selector)
    : LinearStage<TIn, TOut>(stage, input, output)
{
    protected override async ValueTask OnPushAsync(TIn element)
    {
        foreach (var item in selector(element))
        {
            await PushAsync(item).ConfigureAwait(false);
        }
    }
}
