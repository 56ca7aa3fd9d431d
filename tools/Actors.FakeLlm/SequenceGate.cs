namespace Actors.FakeLlm;

/// <summary>
/// The fake GPU's sequence slots: a request takes k slots at once, first come first served. Invariant (under the lock):
/// <c>_used &lt;= _capacity</c>, and a waiter is admitted only when it is at the head of the queue and fits, so a big
/// batch is never starved by a stream of small ones and no two waiters deadlock holding partial slots.
/// </summary>
internal sealed class SequenceGate(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<(int Count, TaskCompletionSource Admitted)> _waiters = new();
    private int _used;

    public int Capacity => capacity;

    public int InUse
    {
        get
        {
            lock (_gate)
            {
                return _used;
            }
        }
    }

    /// <summary>Takes <paramref name="count"/> slots (capped at the capacity); returns how many were taken.</summary>
    public async Task<int> AcquireAsync(int count, CancellationToken cancellationToken)
    {
        count = Math.Clamp(count, 1, capacity);
        TaskCompletionSource admitted;
        lock (_gate)
        {
            if (_waiters.Count == 0 && _used + count <= capacity)
            {
                _used += count;
                return count;
            }

            admitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue((count, admitted));
        }

        try
        {
            await admitted.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                if (admitted.Task.IsCompletedSuccessfully)
                {
                    // Admitted just as the client gave up: give the slots back.
                    _used -= count;
                    AdmitWaiters();
                }
                else
                {
                    admitted.TrySetCanceled(cancellationToken);
                    AdmitWaiters();
                }
            }

            throw;
        }

        return count;
    }

    public void Release(int count)
    {
        lock (_gate)
        {
            _used -= count;
            AdmitWaiters();
        }
    }

    private void AdmitWaiters()
    {
        while (_waiters.TryPeek(out var head))
        {
            if (head.Admitted.Task.IsCanceled)
            {
                _waiters.Dequeue();
                continue;
            }

            if (_used + head.Count > capacity)
            {
                return;
            }

            _waiters.Dequeue();
            _used += head.Count;
            head.Admitted.TrySetResult();
        }
    }
}
