using System.Diagnostics;
using System.Threading.Channels;
using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// SelectAsyncUnordered. Runs up to <c>parallelism</c> calls at once and emits results as they finish.
/// Emits when any call has finished and downstream has room. Backpressures when <c>parallelism</c> calls
/// are running or finished results wait for downstream. Completes when upstream completes and every
/// result has been emitted. Cancels when downstream cancels. Supervision: yes, per element.
/// </summary>
internal sealed class SelectAsyncUnorderedStage<TIn, TOut>(StageContext stage, Edge<TIn> input, Edge<TOut> output, int parallelism, Func<TIn, CancellationToken, Task<TOut>> selector)
    : AsyncCallStage<TIn, TOut>(stage, input, output, parallelism, selector)
{
    // Finished calls, written by their continuations and read only by the stage loop. Unbounded is safe:
    // at most `parallelism` calls exist at once.
    private readonly Channel<(TIn Element, Task<TOut> Call, long Started)> _finished =
        Channel.CreateUnbounded<(TIn, Task<TOut>, long)>(new UnboundedChannelOptions { SingleReader = true });

    private int _running;

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

            while (!upstreamDone && _running < Parallelism && reader.TryRead(out var element))
            {
                Stage.Metrics.InCount++;
                Start(element);
            }

            if (upstreamDone && _running == 0 && !_finished.Reader.TryPeek(out _))
            {
                return;
            }

            if (upstreamDone || _running >= Parallelism)
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
        var call = StartCall(element);
        _running++;
        var started = Stopwatch.GetTimestamp();
        call.ContinueWith(static (task, state) =>
        {
            var (self, element, started) = ((SelectAsyncUnorderedStage<TIn, TOut>, TIn, long))state!;
            self._finished.Writer.TryWrite((element, task, started));
        }, (this, element, started), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private ValueTask EmitAsync((TIn Element, Task<TOut> Call, long Started) done)
    {
        _running--;
        return EmitFinishedAsync(done.Element, done.Call, done.Started);
    }
}
