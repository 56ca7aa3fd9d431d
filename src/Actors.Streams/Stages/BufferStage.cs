using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// Buffer(n, strategy) for the dropping and failing strategies (Backpressure needs no stage: it is an edge
/// of capacity n). Pulls upstream eagerly and never backpressures. Emits when downstream reads.
/// Completes when upstream completes and the buffer has drained. Cancels when downstream cancels. Every
/// dropped element is counted and dead-lettered.
/// </summary>
internal sealed class BufferStage<T>(StageContext stage, Edge<T> input, Edge<T> output, int capacity, OverflowStrategy strategy)
    : LinearStage<T, T>(stage, input, output)
{
    protected override ValueTask OnPushAsync(T element)
    {
        switch (strategy)
        {
            case OverflowStrategy.DropHead or OverflowStrategy.DropTail or OverflowStrategy.DropNew:
                // The edge's full mode drops; its callback counts (see Flow.Buffer).
                Output.Writer.TryWrite(element);
                Stage.Metrics.OutCount++;
                break;
            case OverflowStrategy.DropBuffer:
                if (!Output.Writer.TryWrite(element))
                {
                    while (Output.Reader.TryRead(out var dropped))
                    {
                        Stage.Metrics.OutCount--;
                        Stage.Drop(dropped, "buffer:drop-buffer");
                    }

                    Output.Writer.TryWrite(element);
                }

                Stage.Metrics.OutCount++;
                break;
            case OverflowStrategy.Fail:
                if (!Output.Writer.TryWrite(element))
                {
                    throw new BufferOverflowException($"Buffer '{Stage.Name}' is full ({capacity} elements).");
                }

                Stage.Metrics.OutCount++;
                break;
            default:
                throw new InvalidOperationException($"Strategy {strategy} is not handled by BufferStage.");
        }

        return default;
    }
}
