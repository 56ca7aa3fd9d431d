using Actors.Streams.Dsl;
using Actors.Streams.Runtime;
using Actors.Streams.Supervision;

namespace Actors.Streams.Stages;

/// <summary>
/// RestartSource.WithBackoff / OnFailuresWithBackoff. Runs a fresh inner source from the factory; when it
/// fails (or, unless only on failures, completes) waits an exponential backoff and starts a new one.
/// Emits what the current inner source emits. Backpressures when downstream backpressures and during
/// backoff. Completes when downstream cancels, on shutdown, when an inner source completes (only-on-
/// failures), or when the restart budget is spent (failing with the last failure, if any). Restarting is
/// lossy by nature: elements inside the failed inner source are gone.
/// </summary>
internal sealed class RestartSourceStage<T>(StageContext stage, Edge<T> output, Func<Source<T>> factory, RestartSettings settings, bool onlyOnFailures)
    : SourceStage<T>(stage, output)
{
    protected override async Task ProduceAsync()
    {
        var backoff = new RestartBackoff(settings, Stage.Time);
        Exception? failure;
        do
        {
            failure = await RunInnerAsync().ConfigureAwait(false);
            Token.ThrowIfCancellationRequested();
        }
        while (await backoff.RestartAfterAsync(failure, completeOnSuccess: onlyOnFailures, Stage.Metrics, Token).ConfigureAwait(false));
    }

    private async Task<Exception?> RunInnerAsync()
    {
        using var child = Stage.Graph.CreateChild();
        try
        {
            return await InnerStream.ForwardAsync(() => factory().Build(child, new StageAttributes(Prefix: Stage.Name)),
                PushAsync, Stage.DropUnread, Token).ConfigureAwait(false);
        }
        finally
        {
            await child.WhenAllStoppedAsync().ConfigureAwait(false);
        }
    }
}
