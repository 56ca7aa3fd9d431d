using System.Diagnostics;
using Actors.Streams.Metrics;
using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// What the ordered and unordered SelectAsync stages share: starting a call (a synchronous throw or a
/// null task becomes a failed call) and emitting a finished one (latency, null check, supervision).
/// </summary>
internal abstract class AsyncCallStage<TIn, TOut>(StageContext stage, Edge<TIn> input, Edge<TOut> output, int parallelism, Func<TIn, CancellationToken, Task<TOut>> selector)
    : LinearStage<TIn, TOut>(stage, input, output)
{
    protected int Parallelism { get; } = parallelism;

    protected Task<TOut> StartCall(TIn element)
    {
        Task<TOut> call;
        try
        {
            call = selector(element, Token) ?? throw new InvalidOperationException($"The function of stage '{Stage.Name}' returned a null task.");
        }
        catch (Exception ex) when (!IsCancellation(ex))
        {
            call = Task.FromException<TOut>(ex);
        }

        Stage.Metrics.InFlightCount++;
        return call;
    }

    /// <summary>Emits a finished call's result, or supervises its failure. The call must be complete.</summary>
    protected async ValueTask EmitFinishedAsync(TIn element, Task<TOut> call, long started)
    {
        Debug.Assert(call.IsCompleted, "Only finished calls are emitted.");
        Stage.Metrics.InFlightCount--;
        StreamInstruments.StageLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("graph", Stage.Graph.Options.Name),
            new KeyValuePair<string, object?>("stage", Stage.Name));
        TOut result;
        try
        {
            result = await call.ConfigureAwait(false);
            if (result is null)
            {
                throw new InvalidOperationException($"Stage '{Stage.Name}' produced a null element; streams carry no nulls.");
            }
        }
        catch (Exception ex) when (!IsCancellation(ex))
        {
            Supervise(ex, element);
            return;
        }

        await PushAsync(result).ConfigureAwait(false);
    }
}
