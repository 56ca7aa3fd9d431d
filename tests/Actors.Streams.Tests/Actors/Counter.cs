using Actors.Streams.Actors;

namespace Actors.Streams.Tests.Actors;

/// <summary>Messages of the test actor.</summary>
public abstract record CounterMessage;

public sealed record Add(int Amount) : CounterMessage;

public sealed record Get(Reply<int> Reply) : CounterMessage;

public sealed record Explode(string Why) : CounterMessage;

public sealed record Hold(TaskCompletionSource Release) : CounterMessage;

/// <summary>A counter that also checks it is never entered concurrently.</summary>
public sealed class Counter : Actor<CounterMessage>
{
    private int _total;
    private int _inside;

    public static int Instances;

    public static int ConcurrentEntries;

    public Counter() => Interlocked.Increment(ref Instances);

    protected internal override async ValueTask ReceiveAsync(CounterMessage message, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _inside) > 1)
        {
            Interlocked.Increment(ref ConcurrentEntries);
        }

        try
        {
            switch (message)
            {
                case Add add:
                    var before = _total;
                    await Task.Yield();
                    _total = before + add.Amount;
                    break;
                case Get get:
                    get.Reply.Succeed(_total);
                    break;
                case Explode explode:
                    throw new InvalidOperationException(explode.Why);
                case Hold hold:
                    await hold.Release.Task.WaitAsync(cancellationToken);
                    break;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }
}
