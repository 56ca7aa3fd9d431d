using System.Threading.Channels;
using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// Balance(n). Emits each element to the first output with room, so fast branches take more work.
/// Backpressures when every output backpressures. Completes when upstream completes. Cancels when every
/// output has cancelled.
/// </summary>
/// <remarks>
/// A feeder moves elements from the input into a small shared queue; one pump per output takes from it.
/// A pump blocked on a slow branch holds at most one element, the others keep taking.
/// </remarks>
internal sealed class BalanceStage<T>
{
    private readonly StageContext _stage;
    private readonly Edge<T> _input;
    private readonly Edge<T>[] _outputs;
    private readonly Channel<T> _shared = Channel.CreateBounded<T>(new BoundedChannelOptions(1) { SingleWriter = true });

    public BalanceStage(StageContext stage, Edge<T> input, Edge<T>[] outputs)
    {
        _stage = stage;
        _input = input;
        _outputs = outputs;
        stage.Metrics.QueueDepthProbe = () => input.Depth;
    }

    public async Task RunAsync()
    {
        using var allCancelled = CancellationTokenSource.CreateLinkedTokenSource(_stage.Graph.AbortToken);
        var pumps = _outputs.Select(o => PumpAsync(o, allCancelled)).ToArray();
        Exception? failure = null;
        try
        {
            var reader = _input.Reader;
            while (await reader.WaitToReadAsync(allCancelled.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var element))
                {
                    _stage.Metrics.InCount++;
                    try
                    {
                        await _shared.Writer.WriteAsync(element, allCancelled.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        _stage.Drop(element, "cancelled:in-hand");
                        throw;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (allCancelled.IsCancellationRequested)
        {
            if (_stage.Graph.AbortToken.IsCancellationRequested)
            {
                failure = _stage.AbortException;
            }
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            _input.Cancel(_stage.DropUnread);
        }

        _shared.Writer.TryComplete(failure);
        await Task.WhenAll(pumps).ConfigureAwait(false);
        while (_shared.Reader.TryRead(out var unread))
        {
            _stage.DropUnread(unread);
        }
    }

    private async Task PumpAsync(Edge<T> output, CancellationTokenSource allCancelled)
    {
        using var token = CancellationTokenSource.CreateLinkedTokenSource(output.Cancelled, _stage.Graph.AbortToken);
        try
        {
            await foreach (var element in _shared.Reader.ReadAllAsync(token.Token).ConfigureAwait(false))
            {
                try
                {
                    await output.Writer.WriteAsync(element, token.Token).ConfigureAwait(false);
                    Interlocked.Increment(ref _stage.Metrics.OutCount);
                }
                catch (OperationCanceledException) when (output.IsCancelled)
                {
                    _stage.Drop(element, "balance:branch-cancelled");
                    throw;
                }
            }

            output.Complete();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            if (_stage.Graph.AbortToken.IsCancellationRequested)
            {
                output.Fail(_stage.AbortException);
            }
            else if (_outputs.All(static o => o.IsCancelled))
            {
                await allCancelled.CancelAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            output.Fail(ex);
        }
    }
}
