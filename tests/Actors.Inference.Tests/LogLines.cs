using System.Collections.Concurrent;

namespace Actors.Inference.Tests;

/// <summary>Collects the router's log lines and lets a test await one.</summary>
internal sealed class LogLines
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = [];

    public IReadOnlyCollection<string> Lines => _lines;

    public void Add(string line)
    {
        _lines.Enqueue(line);
        lock (_gate)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Completes when a line matching <paramref name="match"/> is logged after this call.</summary>
    public Task Next(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((match, seen));
        }

        return seen.Task.WaitAsync(timeout);
    }
}
