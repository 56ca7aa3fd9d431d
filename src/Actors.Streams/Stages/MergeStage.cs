using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// Merge(n). Emits whenever any input has an element; inputs waiting for room are served in arrival order
/// (the output edge's writer queue is FIFO), so no input is starved. Backpressures when downstream
/// backpressures. Completes when every input has completed (or when any has, with <c>eagerComplete</c>).
/// Fails, and cancels the other inputs, as soon as any input fails. Cancels every input when downstream
/// cancels.
/// </summary>
internal sealed class MergeStage<T>
{
    private readonly StageContext _stage;
    private readonly Edge<T>[] _inputs;
    private readonly Edge<T> _output;
    private readonly bool _eagerComplete;
    private readonly CancellationTokenSource _stop;

    public MergeStage(StageContext stage, Edge<T>[] inputs, Edge<T> output, bool eagerComplete)
    {
        _stage = stage;
        _inputs = inputs;
        _output = output;
        _eagerComplete = eagerComplete;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(output.Cancelled, stage.Graph.AbortToken);
        stage.Metrics.QueueDepthProbe = () => inputs.Sum(static i => i.Depth);
    }

    public async Task RunAsync()
    {
        var pumps = _inputs.Select(PumpAsync).ToArray();
        try
        {
            await Task.WhenAll(pumps).ConfigureAwait(false);
            if (_stage.Graph.AbortToken.IsCancellationRequested)
            {
                _output.Fail(_stage.AbortException);
            }
            else
            {
                _output.Complete();
            }
        }
        catch (Exception ex)
        {
            _output.Fail(_stage.Graph.AbortToken.IsCancellationRequested ? _stage.AbortException : ex);
        }
        finally
        {
            foreach (var input in _inputs)
            {
                input.Cancel(_stage.DropUnread);
            }

            _stop.Dispose();
        }
    }

    private async Task PumpAsync(Edge<T> input)
    {
        var reader = input.Reader;
        var writer = _output.Writer;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                // Counted per drained run rather than per element: the pumps share the counters, and
                // an interlocked add per element would make them fight over one cache line.
                var moved = 0L;
                while (reader.TryRead(out var element))
                {
                    if (!writer.TryWrite(element))
                    {
                        try
                        {
                            await writer.WriteAsync(element, _stop.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            AddMoved(moved);
                            Interlocked.Increment(ref _stage.Metrics.InCount);
                            _stage.Drop(element, "cancelled:in-hand");
                            throw;
                        }
                    }

                    if (++moved == 64)
                    {
                        AddMoved(moved);
                        moved = 0;
                    }
                }

                AddMoved(moved);
            }

            if (_eagerComplete)
            {
                _stop.Cancel();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Downstream cancelled, the run aborted, or another input completed eagerly.
        }
        catch (Exception)
        {
            // Fail fast: stop the other pumps; WhenAll reports this exception.
            _stop.Cancel();
            throw;
        }
        finally
        {
            input.Cancel(_stage.DropUnread);
        }
    }

    private void AddMoved(long moved)
    {
        if (moved > 0)
        {
            Interlocked.Add(ref _stage.Metrics.InCount, moved);
            Interlocked.Add(ref _stage.Metrics.OutCount, moved);
        }
    }
}
