using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// A source over an async enumerable; the stage's token is passed to it, so a downstream cancel or a
/// shutdown interrupts a pending MoveNextAsync. Completes when it ends; fails when it throws.
/// </summary>
internal sealed class AsyncEnumerableSource<T>(StageContext stage, Edge<T> output, Func<CancellationToken, IAsyncEnumerable<T>> elements)
    : SourceStage<T>(stage, output)
{
    protected override async Task ProduceAsync()
    {
        await foreach (var element in elements(Token).WithCancellation(Token).ConfigureAwait(false))
        {
            await PushAsync(element).ConfigureAwait(false);
        }
    }
}
