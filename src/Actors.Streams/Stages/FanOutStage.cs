using Actors.Streams.Runtime;
using Actors.Streams.Supervision;

namespace Actors.Streams.Stages;

/// <summary>
/// Base of one-in, many-out stages (Partition, Broadcast). Completion and failure go to every output;
/// the stage cancels upstream when every output has cancelled (or, with eager cancel, when any has).
/// </summary>
internal abstract class FanOutStage<T>
{
    private readonly CancellationTokenSource[] _outputTokens;

    protected FanOutStage(StageContext stage, Edge<T> input, Edge<T>[] outputs)
    {
        Stage = stage;
        Input = input;
        Outputs = outputs;
        _outputTokens = [.. outputs.Select(o => CancellationTokenSource.CreateLinkedTokenSource(o.Cancelled, stage.Graph.AbortToken))];
        stage.Metrics.QueueDepthProbe = () => input.Depth;
    }

    protected StageContext Stage { get; }

    protected Edge<T> Input { get; }

    protected Edge<T>[] Outputs { get; }

    // Checked once per element: plain loops, no LINQ enumerator allocations.
    protected bool AllCancelled
    {
        get
        {
            foreach (var output in Outputs)
            {
                if (!output.IsCancelled)
                {
                    return false;
                }
            }

            return true;
        }
    }

    protected bool AnyCancelled
    {
        get
        {
            foreach (var output in Outputs)
            {
                if (output.IsCancelled)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public async Task RunAsync()
    {
        try
        {
            var reader = Input.Reader;
            while (!ShouldStop() && await reader.WaitToReadAsync(Stage.Graph.AbortToken).ConfigureAwait(false))
            {
                while (!ShouldStop() && reader.TryRead(out var element))
                {
                    Stage.Metrics.InCount++;
                    try
                    {
                        await RouteAsync(element).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !Stage.Graph.AbortToken.IsCancellationRequested)
                    {
                        if (Stage.Decide(ex, element) == Directive.Stop)
                        {
                            throw;
                        }
                    }
                }
            }

            foreach (var output in Outputs)
            {
                output.Complete();
            }
        }
        catch (Exception ex)
        {
            var error = Stage.Graph.AbortToken.IsCancellationRequested ? Stage.AbortException : ex;
            foreach (var output in Outputs)
            {
                output.Fail(error);
            }
        }
        finally
        {
            Input.Cancel(Stage.DropUnread);
            foreach (var token in _outputTokens)
            {
                token.Dispose();
            }
        }
    }

    /// <summary>Sends one element to its output(s).</summary>
    protected abstract Task RouteAsync(T element);

    /// <summary>True when upstream should be cancelled.</summary>
    protected virtual bool ShouldStop() => AllCancelled;

    /// <summary>Writes to one output; false (and the element dropped, counted) when that output has cancelled.</summary>
    protected async ValueTask<bool> WriteAsync(int index, T element, string dropReason)
    {
        var output = Outputs[index];
        if (!output.IsCancelled)
        {
            try
            {
                if (!output.Writer.TryWrite(element))
                {
                    await output.Writer.WriteAsync(element, _outputTokens[index].Token).ConfigureAwait(false);
                }

                Stage.Metrics.OutCount++;
                return true;
            }
            catch (OperationCanceledException) when (output.IsCancelled && !Stage.Graph.AbortToken.IsCancellationRequested)
            {
                // The branch went away while we waited: fall through to the drop.
            }
        }

        Stage.Drop(element, dropReason);
        return false;
    }
}
