using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// Partition(n, partitioner). Emits each element to the output the partitioner picks; an index outside
/// [0, n) fails the stage (never a stall, never a silent drop). Backpressures when the chosen output
/// backpressures (head-of-line: one slow branch holds the others). An element routed to a branch that has
/// cancelled is dropped and counted. Completes when upstream completes. Cancels when every output has
/// cancelled. Supervision: yes (a throwing partitioner or an unmatched element may be resumed: dropped and
/// dead-lettered).
/// </summary>
internal sealed class PartitionStage<T>(StageContext stage, Edge<T> input, Edge<T>[] outputs, Func<T, int> partitioner)
    : FanOutStage<T>(stage, input, outputs)
{
    protected override async Task RouteAsync(T element)
    {
        var index = partitioner(element);
        if ((uint)index >= (uint)Outputs.Length)
        {
            throw new PartitionOutOfRangeException(
                $"Stage '{Stage.Name}': the partitioner returned {index} for an element, but there are only {Outputs.Length} outputs (0..{Outputs.Length - 1}).");
        }

        await WriteAsync(index, element, "partition:branch-cancelled").ConfigureAwait(false);
    }
}
