using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// Take(n). Emits the first n elements, then completes downstream and cancels upstream. Backpressures
/// when downstream backpressures. Completes after n elements or when upstream completes. Cancels when
/// downstream cancels or after n elements.
/// </summary>
internal sealed class TakeStage<T>(StageContext stage, Edge<T> input, Edge<T> output, long count)
    : LinearStage<T, T>(stage, input, output)
{
    protected override async Task RunCoreAsync()
    {
        var taken = 0L;
        var reader = Input.Reader;
        while (taken < count && await reader.WaitToReadAsync(Token).ConfigureAwait(false))
        {
            while (taken < count && reader.TryRead(out var element))
            {
                Stage.Metrics.InCount++;
                taken++;
                await PushAsync(element).ConfigureAwait(false);
            }
        }

        // Returning completes downstream; the base cancels upstream.
    }
}
