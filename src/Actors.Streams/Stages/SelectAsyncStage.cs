using System.Diagnostics;
using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// SelectAsync (mapAsync), ordered. Runs up to <c>parallelism</c> calls at once and emits results in
/// input order. Emits when the call for the oldest element has finished and downstream has room.
/// Backpressures when <c>parallelism</c> calls are running, or the oldest result waits for downstream.
/// Completes when upstream completes and every result has been emitted. Cancels when downstream cancels
/// (running calls see their token cancelled). Supervision: yes, per element; a failure under Resume or
/// Restart drops only that element.
/// </summary>
internal sealed class SelectAsyncStage<TIn, TOut>(StageContext stage, Edge<TIn> input, Edge<TOut> output, int parallelism, Func<TIn, CancellationToken, Task<TOut>> selector)
    : AsyncCallStage<TIn, TOut>(stage, input, output, parallelism, selector)
{
    private readonly Queue<(TIn Element, Task<TOut> Call, long Started)> _pending = new();

    protected override async Task RunCoreAsync()
    {
        var reader = Input.Reader;
        var metrics = Stage.Metrics;
        var upstreamDone = false;
        Task<bool>? waitingForInput = null;
        while (true)
        {
            // Fill the window from what is already buffered upstream.
            while (!upstreamDone && _pending.Count < Parallelism && reader.TryRead(out var element))
            {
                metrics.InCount++;
                Start(element);
            }

            // Emit every finished result at the head, in order.
            while (_pending.Count > 0 && _pending.Peek().Call.IsCompleted)
            {
                await EmitHeadAsync().ConfigureAwait(false);
            }

            if (upstreamDone && _pending.Count == 0)
            {
                return;
            }

            if (upstreamDone || _pending.Count >= Parallelism)
            {
                // Only the head can unblock us.
                await WaitQuietly(_pending.Peek().Call).ConfigureAwait(false);
                continue;
            }

            if (reader.TryPeek(out _))
            {
                continue;
            }

            waitingForInput ??= reader.WaitToReadAsync(Token).AsTask();
            if (_pending.Count == 0)
            {
                upstreamDone = !await waitingForInput.ConfigureAwait(false);
                waitingForInput = null;
                continue;
            }

            var first = await Task.WhenAny(waitingForInput, _pending.Peek().Call).ConfigureAwait(false);
            if (ReferenceEquals(first, waitingForInput))
            {
                upstreamDone = !await waitingForInput.ConfigureAwait(false);
                waitingForInput = null;
            }
        }
    }

    private void Start(TIn element) => _pending.Enqueue((element, StartCall(element), Stopwatch.GetTimestamp()));

    private ValueTask EmitHeadAsync()
    {
        var (element, call, started) = _pending.Dequeue();
        return EmitFinishedAsync(element, call, started);
    }

    private static Task WaitQuietly(Task task) =>
        task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
