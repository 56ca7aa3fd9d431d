using System.Threading.Channels;
using Actors.Streams.Supervision;

namespace Actors.Streams.Runtime;

/// <summary>
/// Base of one-in, one-out stages. Owns the termination protocol so every operator gets it right:
/// upstream completion flushes and completes downstream; upstream failure and Stop fail downstream and
/// cancel upstream; downstream cancellation cancels upstream; abort fails downstream at once.
/// </summary>
internal abstract class LinearStage<TIn, TOut>
{
    private readonly ChannelWriter<TOut> _writer;
    private readonly CancellationTokenSource _token;

    protected LinearStage(StageContext stage, Edge<TIn> input, Edge<TOut> output)
    {
        Stage = stage;
        Input = input;
        Output = output;
        _writer = output.Writer;
        _token = CancellationTokenSource.CreateLinkedTokenSource(output.Cancelled, stage.Graph.AbortToken);
        stage.Metrics.QueueDepthProbe = () => input.Depth;
    }

    protected StageContext Stage { get; }

    protected Edge<TIn> Input { get; }

    protected Edge<TOut> Output { get; }

    /// <summary>Cancelled when downstream cancels or the run aborts.</summary>
    protected CancellationToken Token => _token.Token;

    public async Task RunAsync()
    {
        try
        {
            await RunCoreAsync().ConfigureAwait(false);
            Output.Complete();
        }
        catch (OperationCanceledException) when (_token.IsCancellationRequested)
        {
            if (Stage.Graph.AbortToken.IsCancellationRequested)
            {
                Output.Fail(Stage.AbortException);
            }

            // Otherwise downstream cancelled: nobody reads the output any more.
        }
        catch (Exception ex)
        {
            // The failure travels downstream; the sink that receives it reports it for the run, so a
            // Recover in between can still turn it into completion.
            Output.Fail(ex);
        }
        finally
        {
            Input.Cancel(Stage.DropUnread);
            // Calls still running (SelectAsync) learn that their result is no longer wanted.
            await _token.CancelAsync().ConfigureAwait(false);
            _token.Dispose();
        }
    }

    /// <summary>The stage's loop. The default pulls each element and hands it to <see cref="OnPushAsync"/>.</summary>
    protected virtual async Task RunCoreAsync()
    {
        var reader = Input.Reader;
        var metrics = Stage.Metrics;
        while (await reader.WaitToReadAsync(Token).ConfigureAwait(false))
        {
            while (reader.TryRead(out var element))
            {
                metrics.InCount++;
                try
                {
                    var pending = OnPushAsync(element);
                    if (!pending.IsCompletedSuccessfully)
                    {
                        await pending.ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (!IsCancellation(ex))
                {
                    Supervise(ex, element);
                }
            }
        }

        await OnUpstreamFinishAsync().ConfigureAwait(false);
    }

    /// <summary>An element arrived. Emit with <see cref="PushAsync"/>.</summary>
    protected virtual ValueTask OnPushAsync(TIn element) => default;

    /// <summary>Upstream completed normally: emit what is held, then the stage completes.</summary>
    protected virtual ValueTask OnUpstreamFinishAsync() => default;

    /// <summary>Supervision chose Restart: drop accumulated state.</summary>
    protected virtual void Reset()
    {
    }

    /// <summary>Emits an element, waiting for room downstream (backpressure).</summary>
    protected ValueTask PushAsync(TOut element)
    {
        if (_writer.TryWrite(element))
        {
            Stage.Metrics.OutCount++;
            return default;
        }

        return PushSlowAsync(element);
    }

    /// <summary>Applies supervision; rethrows on Stop (call only from a catch block).</summary>
    protected void Supervise(Exception error, object? element)
    {
        switch (Stage.Decide(error, element))
        {
            case Directive.Stop:
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
                break;
            case Directive.Restart:
                Reset();
                break;
            case Directive.Resume:
                break;
        }
    }

    protected bool IsCancellation(Exception error) => error is OperationCanceledException && _token.IsCancellationRequested;

    private async ValueTask PushSlowAsync(TOut element)
    {
        try
        {
            await _writer.WriteAsync(element, Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Stage.Drop(element, "cancelled:in-hand");
            throw;
        }

        Stage.Metrics.OutCount++;
    }
}
