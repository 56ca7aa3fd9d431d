using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// AlsoTo / DivertTo. Sends elements to a side sink as well as (AlsoTo) or instead of (DivertTo, for
/// elements matching the predicate) the main output. Backpressures when either output backpressures.
/// Completes both outputs when upstream completes. If the side sink stops taking elements, the stage
/// fails loudly rather than losing what would have gone there.
/// </summary>
internal sealed class SideOutputStage<T>(StageContext stage, Edge<T> input, Edge<T> output, Edge<T> side, Func<T, bool> toSide, bool alsoMain)
    : LinearStage<T, T>(stage, input, output)
{
    protected override async Task RunCoreAsync()
    {
        try
        {
            await base.RunCoreAsync().ConfigureAwait(false);
            side.Complete();
        }
        catch (Exception ex)
        {
            side.Fail(ex);
            throw;
        }
    }

    protected override async ValueTask OnPushAsync(T element)
    {
        if (toSide(element))
        {
            await WriteSideAsync(element).ConfigureAwait(false);
            if (!alsoMain)
            {
                return;
            }
        }

        await PushAsync(element).ConfigureAwait(false);
    }

    private async ValueTask WriteSideAsync(T element)
    {
        if (side.IsCancelled)
        {
            throw new InvalidOperationException($"Stage '{Stage.Name}': the side sink stopped taking elements.");
        }

        if (side.Writer.TryWrite(element))
        {
            return;
        }

        using var token = CancellationTokenSource.CreateLinkedTokenSource(side.Cancelled, Token);
        try
        {
            await side.Writer.WriteAsync(element, token.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (side.IsCancelled && !Token.IsCancellationRequested)
        {
            throw new InvalidOperationException($"Stage '{Stage.Name}': the side sink stopped taking elements.");
        }
    }
}
