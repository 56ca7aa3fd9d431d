using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// A source over an enumerable, pulled lazily. Emits when downstream has room. Completes when the
/// enumeration ends; fails when it throws. Cancels (disposes the enumerator) when downstream cancels.
/// </summary>
internal sealed class EnumerableSource<T>(StageContext stage, Edge<T> output, IEnumerable<T> elements)
    : SourceStage<T>(stage, output)
{
    protected override async Task ProduceAsync()
    {
        foreach (var element in elements)
        {
            Token.ThrowIfCancellationRequested();
            await PushAsync(element).ConfigureAwait(false);
        }
    }
}
