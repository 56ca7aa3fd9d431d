using System.Collections.Concurrent;

namespace Actors.FakeLlm;

/// <summary>What a fake-llm server has seen and done. Thread-safe; read any time.</summary>
internal sealed class FakeLlmCounters
{
    private readonly long[] _faults = new long[Enum.GetValues<FakeFaultKind>().Length];
    private long _requests;
    private long _prompts;
    private long _sequences;
    private long _activeRequests;
    private long _maxActiveRequests;
    private long _maxSequencesInUse;
    private long _busySequenceMicroseconds;

    /// <summary>POSTs to /v1/completions and /v1/chat/completions.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Prompts received (a chat request is one prompt).</summary>
    public long Prompts => Interlocked.Read(ref _prompts);

    /// <summary>Choices (sequences) answered successfully with a 200.</summary>
    public long Sequences => Interlocked.Read(ref _sequences);

    /// <summary>Completion-endpoint requests being handled now, and the most seen at once.</summary>
    public long ActiveRequests => Interlocked.Read(ref _activeRequests);

    public long MaxActiveRequests => Interlocked.Read(ref _maxActiveRequests);

    /// <summary>The most sequence slots in use at once.</summary>
    public long MaxSequencesInUse => Interlocked.Read(ref _maxSequencesInUse);

    /// <summary>Sum over admitted requests of slots held × time held: the work the fake GPU did.</summary>
    public TimeSpan BusySequenceTime => TimeSpan.FromMicroseconds(Interlocked.Read(ref _busySequenceMicroseconds));

    /// <summary>Prompts per request, in arrival order (/v1/completions and chat alike).</summary>
    public ConcurrentQueue<int> BatchSizes { get; } = new();

    /// <summary>The Authorization header of each request, "" when absent.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    /// <summary>The X-Actors-Purpose header of each request, "" when absent.</summary>
    public ConcurrentQueue<string> Purposes { get; } = new();

    public long Faults(FakeFaultKind kind) => Interlocked.Read(ref _faults[(int)kind]);

    public long TotalFaults => Enum.GetValues<FakeFaultKind>().Sum(Faults);

    internal void CountRequest(int prompts, string authorization, string purpose)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _prompts, prompts);
        BatchSizes.Enqueue(prompts);
        Authorizations.Enqueue(authorization);
        Purposes.Enqueue(purpose);
    }

    internal void CountFault(FakeFaultKind kind) => Interlocked.Increment(ref _faults[(int)kind]);

    internal void CountSequences(int count) => Interlocked.Add(ref _sequences, count);

    internal void CountBusy(int slots, TimeSpan held) => Interlocked.Add(ref _busySequenceMicroseconds, (long)(slots * held.TotalMicroseconds));

    internal void EnterRequest() => Max(ref _maxActiveRequests, Interlocked.Increment(ref _activeRequests));

    internal void LeaveRequest() => Interlocked.Decrement(ref _activeRequests);

    internal void SequencesInUse(long inUse) => Max(ref _maxSequencesInUse, inUse);

    private static void Max(ref long target, long value)
    {
        var seen = Interlocked.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
