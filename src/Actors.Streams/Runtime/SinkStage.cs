namespace Actors.Streams.Runtime;

/// <summary>
/// Base of stages with no output. The materialized value completes with the sink's result, or fails
/// with the upstream failure, the sink's own failure or the abort reason.
/// </summary>
internal abstract class SinkStage<T, TMat>
{
    private readonly TaskCompletionSource<TMat> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected SinkStage(StageContext stage, Edge<T> input)
    {
        Stage = stage;
        Input = input;
        stage.Metrics.QueueDepthProbe = () => input.Depth;
    }

    protected StageContext Stage { get; }

    protected Edge<T> Input { get; }

    protected CancellationToken Token => Stage.Graph.AbortToken;

    public Task<TMat> Result => _result.Task;

    public async Task RunAsync()
    {
        try
        {
            var value = await ConsumeAsync().ConfigureAwait(false);
            _result.TrySetResult(value);
        }
        catch (OperationCanceledException) when (Token.IsCancellationRequested)
        {
            _result.TrySetException(Stage.AbortException);
        }
        catch (Exception ex)
        {
            Stage.Graph.ReportFailure(ex);
            _result.TrySetException(ex);
        }
        finally
        {
            Input.Cancel(Stage.DropUnread);
        }
    }

    /// <summary>Reads the input (all of it, or until the sink has what it needs) and returns the result.</summary>
    protected abstract Task<TMat> ConsumeAsync();
}
