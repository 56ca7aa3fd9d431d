using System.Threading.Channels;
using Actors.Streams.Dsl;
using Actors.Streams.Runtime;
using Actors.Streams.Supervision;

namespace Actors.Streams.Stages;

/// <summary>
/// RestartFlow.WithBackoff / OnFailuresWithBackoff. Runs a fresh inner flow from the factory, fed from
/// upstream; when the inner flow fails (or, unless only on failures, completes early) waits an
/// exponential backoff and starts a new one on the same upstream. Emits what the inner flow emits.
/// Backpressures when downstream backpressures and during backoff. Completes when upstream completes and
/// the inner flow has finished; fails when upstream fails or the restart budget is spent. Lossy by nature:
/// elements inside a failed inner flow are gone; the one the feeder held is counted as dropped.
/// </summary>
internal sealed class RestartFlowStage<TIn, TOut>(StageContext stage, Edge<TIn> input, Edge<TOut> output, Func<Flow<TIn, TOut>> factory, RestartSettings settings, bool onlyOnFailures)
    : LinearStage<TIn, TOut>(stage, input, output)
{
    private bool _upstreamDone;
    private Exception? _upstreamFailure;

    protected override async Task RunCoreAsync()
    {
        var backoff = new RestartBackoff(settings, Stage.Time);
        Exception? failure;
        do
        {
            failure = await RunInnerAsync().ConfigureAwait(false);
            Token.ThrowIfCancellationRequested();
            if (_upstreamFailure is not null)
            {
                throw _upstreamFailure;
            }
        }
        while (await backoff.RestartAfterAsync(failure, completeOnSuccess: _upstreamDone || onlyOnFailures, Stage.Metrics, Token).ConfigureAwait(false));
    }

    private async Task<Exception?> RunInnerAsync()
    {
        using var child = Stage.Graph.CreateChild();
        var innerInput = new Edge<TIn>(Stage.Name + "/feed", Stage.BufferSize);
        using var feederStop = CancellationTokenSource.CreateLinkedTokenSource(innerInput.Cancelled, Token);
        Task? feeder = null;
        try
        {
            return await InnerStream.ForwardAsync(() =>
            {
                var inner = factory().Build(innerInput, child, new StageAttributes(Prefix: Stage.Name));
                feeder = FeedAsync(innerInput, feederStop.Token);
                return inner;
            }, PushAsync, Stage.DropUnread, Token).ConfigureAwait(false);
        }
        finally
        {
            await feederStop.CancelAsync().ConfigureAwait(false);
            if (feeder is not null)
            {
                await feeder.ConfigureAwait(false);
            }

            await child.WhenAllStoppedAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Moves upstream elements into the current inner flow until it stops or upstream ends.</summary>
    private async Task FeedAsync(Edge<TIn> innerInput, CancellationToken stop)
    {
        var reader = Input.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                while (reader.TryRead(out var element))
                {
                    Stage.Metrics.InCount++;
                    try
                    {
                        await innerInput.Writer.WriteAsync(element, stop).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
                    {
                        // The inner flow is gone: this element goes down with it, counted.
                        Stage.Drop(element, "restart:lost-in-restart");
                        innerInput.Complete();
                        return;
                    }
                }
            }

            _upstreamDone = true;
            innerInput.Complete();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            innerInput.Complete();
        }
        catch (Exception ex)
        {
            _upstreamFailure = ex;
            innerInput.Fail(ex);
        }
    }
}
