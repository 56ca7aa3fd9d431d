using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// GroupedWithin(n, d). Emits a group when it holds n elements or when the repeating d timer fires with a
/// non-empty group; never emits an empty group; the timer is re-armed whenever a group leaves by size.
/// Backpressures when downstream backpressures and a full group waits. Completes when upstream completes,
/// after emitting the last partial group. Cancels when downstream cancels. Time comes from the run's
/// <see cref="TimeProvider"/>.
/// </summary>
internal sealed class GroupedWithinStage<T> : LinearStage<T, IReadOnlyList<T>>
{
    private readonly int _size;
    private readonly TimeSpan _window;
    private TaskCompletionSource _tick = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _tickPending;

    public GroupedWithinStage(StageContext stage, Edge<T> input, Edge<IReadOnlyList<T>> output, int size, TimeSpan window)
        : base(stage, input, output)
    {
        _size = size;
        _window = window;
    }

    protected override async Task RunCoreAsync()
    {
        var reader = Input.Reader;
        var group = new List<T>(_size);
        using var timer = Stage.Time.CreateTimer(static state => ((GroupedWithinStage<T>)state!).OnTick(), this, _window, _window);
        var upstreamDone = false;
        Task<bool>? waitingForInput = null;
        while (true)
        {
            while (group.Count < _size && reader.TryRead(out var element))
            {
                Stage.Metrics.InCount++;
                group.Add(element);
            }

            if (group.Count == _size)
            {
                timer.Change(_window, _window);
                Interlocked.Exchange(ref _tickPending, 0);
                await EmitAsync(group).ConfigureAwait(false);
                group = new List<T>(_size);
                continue;
            }

            if (Interlocked.Exchange(ref _tickPending, 0) == 1)
            {
                Volatile.Write(ref _tick, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                if (group.Count > 0)
                {
                    await EmitAsync(group).ConfigureAwait(false);
                    group = new List<T>(_size);
                }

                continue;
            }

            if (upstreamDone)
            {
                break;
            }

            var tick = Volatile.Read(ref _tick).Task;
            if (Volatile.Read(ref _tickPending) == 1 || reader.TryPeek(out _))
            {
                continue;
            }

            waitingForInput ??= reader.WaitToReadAsync(Token).AsTask();
            var first = await Task.WhenAny(waitingForInput, tick).ConfigureAwait(false);
            if (ReferenceEquals(first, waitingForInput))
            {
                upstreamDone = !await waitingForInput.ConfigureAwait(false);
                waitingForInput = null;
            }
        }

        if (group.Count > 0)
        {
            await EmitAsync(group).ConfigureAwait(false);
        }
    }

    private ValueTask EmitAsync(List<T> group) => PushAsync(group);

    private void OnTick()
    {
        Volatile.Write(ref _tickPending, 1);
        Volatile.Read(ref _tick).TrySetResult();
    }
}
