using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// Broadcast(n). Emits each element to every output that has not cancelled, so the slowest branch gates
/// all of them. Backpressures when any live output backpressures. Completes when upstream completes.
/// Cancels when every output has cancelled, or when any has with <c>eagerCancel</c>.
/// </summary>
internal sealed class BroadcastStage<T>(StageContext stage, Edge<T> input, Edge<T>[] outputs, bool eagerCancel)
    : FanOutStage<T>(stage, input, outputs)
{
    protected override async Task RouteAsync(T element)
    {
        for (var i = 0; i < Outputs.Length; i++)
        {
            if (!Outputs[i].IsCancelled)
            {
                await WriteAsync(i, element, "broadcast:branch-cancelled").ConfigureAwait(false);
            }
        }
    }

    protected override bool ShouldStop() => eagerCancel ? AnyCancelled : AllCancelled;
}
