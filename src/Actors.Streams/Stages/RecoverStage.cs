using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// Recover. Passes elements through; when upstream fails with an exception the function handles
/// (returns true), emits the replacement element and completes instead of failing. Emits when upstream
/// emits, or once on a handled failure. Backpressures when downstream backpressures. Completes when
/// upstream completes or after the replacement. Cancels when downstream cancels.
/// </summary>
internal sealed class RecoverStage<T>(StageContext stage, Edge<T> input, Edge<T> output, Func<Exception, (bool Handled, T Replacement)> recover)
    : LinearStage<T, T>(stage, input, output)
{
    protected override async Task RunCoreAsync()
    {
        try
        {
            await base.RunCoreAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (!IsCancellation(ex) && !ReferenceEquals(ex, Stage.Graph.AbortReason))
        {
            var (handled, replacement) = recover(ex);
            if (!handled)
            {
                throw;
            }

            Stage.Metrics.FailedCount++;
            await PushAsync(replacement).ConfigureAwait(false);
        }
    }

    protected override ValueTask OnPushAsync(T element) => PushAsync(element);
}
