using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// Range(start, count): emits consecutive integers with a plain loop (no enumerator). Emits when
/// downstream has room. Completes after the last. Cancels when downstream cancels.
/// </summary>
internal sealed class RangeSource(StageContext stage, Edge<int> output, int start, int count) : SourceStage<int>(stage, output)
{
    protected override async Task ProduceAsync()
    {
        var end = start + count;
        for (var i = start; i < end; i++)
        {
            var pending = PushAsync(i);
            if (!pending.IsCompletedSuccessfully)
            {
                await pending.ConfigureAwait(false);
            }
        }
    }
}
