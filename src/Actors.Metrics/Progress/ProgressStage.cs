namespace Actors.Metrics.Progress;

/// <summary>
/// One stage of a run's progress: items done, items expected (when known), completion. Thread-safe; updates
/// are single interlocked operations, cheap enough to call per element.
/// </summary>
public sealed class ProgressStage
{
    private readonly TimeProvider _timeProvider;
    private long _done;
    private long _expected = -1;
    private long _firstProgressTimestamp;
    private long _completedTimestamp;

    internal ProgressStage(string name, TimeProvider timeProvider)
    {
        Name = name;
        _timeProvider = timeProvider;
    }

    /// <summary>The stage's name.</summary>
    public string Name { get; }

    /// <summary>Items done.</summary>
    public long Done => Interlocked.Read(ref _done);

    /// <summary>Items expected in all; null when unknown.</summary>
    public long? Expected => Interlocked.Read(ref _expected) is var e and >= 0 ? e : null;

    /// <summary>Whether the stage has finished.</summary>
    public bool IsCompleted => Interlocked.Read(ref _completedTimestamp) != 0;

    /// <summary>Time since the stage first made progress (until it completed); zero before that.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            long first = Interlocked.Read(ref _firstProgressTimestamp);
            if (first == 0)
            {
                return TimeSpan.Zero;
            }

            long end = Interlocked.Read(ref _completedTimestamp);
            return _timeProvider.GetElapsedTime(first, end != 0 ? end : _timeProvider.GetTimestamp());
        }
    }

    /// <summary>Items per second since the stage first made progress; null before any time has passed.</summary>
    public double? PerSecond => Elapsed.TotalSeconds is var s and > 0 ? Done / s : null;

    /// <summary>Time left at the current average rate; null when the total or the rate is unknown, zero when done.</summary>
    public TimeSpan? Eta
    {
        get
        {
            long done = Done;
            if (Expected is not { } expected)
            {
                return null;
            }

            if (done >= expected || IsCompleted)
            {
                return TimeSpan.Zero;
            }

            return PerSecond is { } rate and > 0 ? TimeSpan.FromSeconds(Math.Min((expected - done) / rate, TimeSpan.MaxValue.TotalSeconds / 2)) : null;
        }
    }

    /// <summary>Records <paramref name="count"/> more items done.</summary>
    public void Advance(long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        MarkStarted();
        Interlocked.Add(ref _done, count);
    }

    /// <summary>Sets the number of items expected in all (it may grow as inputs are discovered).</summary>
    public void SetExpected(long expected)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expected);
        Interlocked.Exchange(ref _expected, expected);
    }

    /// <summary>Marks the stage finished (whatever the counts say).</summary>
    public void Complete()
    {
        MarkStarted();
        long now = Math.Max(1, _timeProvider.GetTimestamp());
        Interlocked.CompareExchange(ref _completedTimestamp, now, 0);
    }

    private void MarkStarted()
    {
        if (Interlocked.Read(ref _firstProgressTimestamp) == 0)
        {
            // 0 means "not started"; a clock that starts at 0 records 1 instead.
            Interlocked.CompareExchange(ref _firstProgressTimestamp, Math.Max(1, _timeProvider.GetTimestamp()), 0);
        }
    }
}
