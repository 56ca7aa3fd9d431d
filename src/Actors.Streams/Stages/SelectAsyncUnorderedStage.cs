using System.Diagnostics;
using System.Threading.Channels;
using Actors.Streams.Metrics;
using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// SelectAsyncUnordered. Runs up to <c>parallelism</c> calls at once and emits results as they finish.
/// Emits when any call has finished and downstream has room. Backpressures when <c>parallelism</c> calls
/// are running or finished results wait for downstream. Completes when upstream completes and every
/// result has been emitted. Cancels when downstream cancels. Supervision: yes, per element.
/// </summary>
internal sealed class SelectAsyncUnorderedStage<TIn, TOut> : LinearStage<TIn, TOut>
{
    private readonly int _parallelism;
    private readonly Func<TIn, CancellationToken, Task<TOut>> _selector;

    // Finished calls, written by their continuations and read only by the stage loop. Unbounded is safe:
    // at most `parallelism` calls exist at once.
    private readonly Channel<(TIn Element, Task<TOut> Call, long Started)> _finished =
        Channel.CreateUnbounded<(TIn, Task<TOut>, long)>(new UnboundedChannelOptions { SingleReader = true });

    private int _running;

    public SelectAsyncUnorderedStage(StageContext stage, Edge<TIn> input, Edge<TOut> output, int parallelism, Func<TIn, CancellationToken, Task<TOut>> selector)
        : base(stage, input, output)
    {
        _parallelism = parallelism;
        _selector = selector;
    }

    protected override async Task RunCoreAsync()
    {
        var reader = Input.Reader;
        var upstreamDone = false;
        Task<bool>? waitingForInput = null;
        while (true)
        {
            while (_finished.Reader.TryRead(out var done))
            {
                await EmitAsync(done).ConfigureAwait(false);
            }

            while (!upstreamDone && _running < _parallelism && reader.TryRead(out var element))
            {
                Stage.Metrics.InCount++;
                Start(element);
            }

            if (upstreamDone && _running == 0 && !_finished.Reader.TryPeek(out _))
            {
                return;
            }

            if (upstreamDone || _running >= _parallelism)
            {
                await _finished.Reader.WaitToReadAsync(Token).ConfigureAwait(false);
                continue;
            }

            if (reader.TryPeek(out _) || _finished.Reader.TryPeek(out _))
            {
                continue;
            }

            waitingForInput ??= reader.WaitToReadAsync(Token).AsTask();
            if (_running == 0)
            {
                upstreamDone = !await waitingForInput.ConfigureAwait(false);
                waitingForInput = null;
                continue;
            }

            var first = await Task.WhenAny(waitingForInput, _finished.Reader.WaitToReadAsync(Token).AsTask()).ConfigureAwait(false);
            if (ReferenceEquals(first, waitingForInput))
            {
                upstreamDone = !await waitingForInput.ConfigureAwait(false);
                waitingForInput = null;
            }
        }
    }

    private void Start(TIn element)
    {
        Task<TOut> call;
        try
        {
            call = _selector(element, Token) ?? throw new InvalidOperationException("The SelectAsyncUnordered function returned a null task.");
        }
        catch (Exception ex) when (!IsCancellation(ex))
        {
            call = Task.FromException<TOut>(ex);
        }

        _running++;
        Stage.Metrics.InFlightCount++;
        var started = Stopwatch.GetTimestamp();
        call.ContinueWith(static (task, state) =>
        {
            var (self, element, started) = ((SelectAsyncUnorderedStage<TIn, TOut>, TIn, long))state!;
            self._finished.Writer.TryWrite((element, task, started));
        }, (this, element, started), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async ValueTask EmitAsync((TIn Element, Task<TOut> Call, long Started) done)
    {
        _running--;
        Stage.Metrics.InFlightCount--;
        StreamInstruments.StageLatency.Record(Stopwatch.GetElapsedTime(done.Started).TotalMilliseconds,
            new KeyValuePair<string, object?>("stage", Stage.Name));
        TOut result;
        try
        {
            result = await done.Call.ConfigureAwait(false);
            if (result is null)
            {
                throw new InvalidOperationException($"Stage '{Stage.Name}' produced a null element; streams carry no nulls.");
            }
        }
        catch (Exception ex) when (!IsCancellation(ex))
        {
            Supervise(ex, done.Element);
            return;
        }

        await PushAsync(result).ConfigureAwait(false);
    }
}
