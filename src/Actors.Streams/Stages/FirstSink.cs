using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// First. Completes with the first element and cancels upstream; fails with
/// <see cref="InvalidOperationException"/> when upstream completes empty.
/// </summary>
internal sealed class FirstSink<T>(StageContext stage, Edge<T> input) : SinkStage<T, T>(stage, input)
{
    protected override async Task<T> ConsumeAsync()
    {
        var reader = Input.Reader;
        while (await reader.WaitToReadAsync(Token).ConfigureAwait(false))
        {
            if (reader.TryRead(out var element))
            {
                Stage.Metrics.InCount++;
                return element;
            }
        }

        throw new InvalidOperationException($"Sink '{Stage.Name}': the stream completed without an element.");
    }
}
