using System.Threading.Channels;

namespace Actors.Streams.Runtime;

/// <summary>
/// Base of stages with no input. Downstream cancellation stops it quietly; a graceful shutdown completes
/// its output; an abort fails it.
/// </summary>
internal abstract class SourceStage<T>
{
    private readonly ChannelWriter<T> _writer;
    private readonly CancellationTokenSource _token;

    protected SourceStage(StageContext stage, Edge<T> output)
    {
        Stage = stage;
        Output = output;
        _writer = output.Writer;
        _token = CancellationTokenSource.CreateLinkedTokenSource(output.Cancelled, stage.Graph.AbortToken, stage.Graph.ShutdownToken);
    }

    protected StageContext Stage { get; }

    protected Edge<T> Output { get; }

    /// <summary>Cancelled when downstream cancels, the run shuts down, or it aborts.</summary>
    protected CancellationToken Token => _token.Token;

    public async Task RunAsync()
    {
        try
        {
            await ProduceAsync().ConfigureAwait(false);
            Output.Complete();
        }
        catch (OperationCanceledException) when (_token.IsCancellationRequested)
        {
            if (Stage.Graph.AbortToken.IsCancellationRequested)
            {
                Output.Fail(Stage.AbortException);
            }
            else if (Stage.Graph.ShutdownToken.IsCancellationRequested)
            {
                Output.Complete();
            }
        }
        catch (Exception ex)
        {
            // The failure travels downstream; the sink that receives it reports it for the run, so a
            // Recover in between can still turn it into completion.
            Output.Fail(ex);
        }
        finally
        {
            await OnStopAsync().ConfigureAwait(false);
            _token.Dispose();
        }
    }

    /// <summary>Emits every element; returns to complete the source.</summary>
    protected abstract Task ProduceAsync();

    /// <summary>Releases what the source holds, whatever way it ended.</summary>
    protected virtual ValueTask OnStopAsync() => default;

    protected ValueTask PushAsync(T element)
    {
        if (_writer.TryWrite(element))
        {
            Stage.Metrics.OutCount++;
            return default;
        }

        return PushSlowAsync(element);
    }

    private async ValueTask PushSlowAsync(T element)
    {
        try
        {
            await _writer.WriteAsync(element, Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!Stage.Graph.ShutdownToken.IsCancellationRequested || Stage.Graph.AbortToken.IsCancellationRequested)
        {
            Stage.Drop(element, "cancelled:in-hand");
            throw;
        }
        catch (OperationCanceledException)
        {
            // Graceful shutdown: the source stops before emitting this element. It was never taken from
            // the outside world for sources that pull on demand; for the rest it is counted.
            Stage.Drop(element, "shutdown:not-emitted");
            throw;
        }

        Stage.Metrics.OutCount++;
    }
}
