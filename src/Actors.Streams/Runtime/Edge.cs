using System.Diagnostics;
using System.Threading.Channels;

namespace Actors.Streams.Runtime;

/// <summary>
/// A bounded connection between a producing and a consuming stage. Elements and completion (normal or
/// failed) flow downstream through the channel; cancellation flows upstream through
/// <see cref="Cancelled"/>, because a channel cannot tell its writer that the reader has gone.
/// </summary>
/// <remarks>
/// Invariant: the channel is bounded, so at most <see cref="Capacity"/> elements sit in the edge. With
/// FullMode.Wait (every edge but a dropping Buffer's) awaiting a write is the demand signal.
/// </remarks>
[DebuggerDisplay("Edge {Producer} -> depth {Depth}/{Capacity}")]
internal sealed class Edge<T>
{
    private readonly Channel<T> _channel;
    private readonly CancellationTokenSource _cancelled = new();

    public Edge(string producer, int capacity, bool singleWriter = true, bool singleReader = true,
        BoundedChannelFullMode fullMode = BoundedChannelFullMode.Wait, Action<T>? itemDropped = null)
    {
        if (capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "An edge holds at least one element.");
        }

        Producer = producer;
        Capacity = capacity;
        _channel = Channel.CreateBounded(new BoundedChannelOptions(capacity)
        {
            FullMode = fullMode,
            SingleReader = singleReader,
            SingleWriter = singleWriter,
            AllowSynchronousContinuations = false,
        }, itemDropped);
    }

    /// <summary>Name of the stage that writes into this edge.</summary>
    public string Producer { get; }

    public int Capacity { get; }

    public ChannelReader<T> Reader => _channel.Reader;

    public ChannelWriter<T> Writer => _channel.Writer;

    /// <summary>Elements currently buffered in the edge.</summary>
    public int Depth => _channel.Reader.Count;

    /// <summary>Signalled when the consumer will read no more (downstream cancellation).</summary>
    public CancellationToken Cancelled => _cancelled.Token;

    public bool IsCancelled => _cancelled.IsCancellationRequested;

    /// <summary>
    /// Called by the consumer: it wants no more elements. The channel is closed to further writes and
    /// whatever is still buffered is handed to <paramref name="unread"/>, so nothing vanishes uncounted.
    /// </summary>
    public void Cancel(Action<T>? unread = null)
    {
        _cancelled.Cancel();
        _channel.Writer.TryComplete();
        while (_channel.Reader.TryRead(out var element))
        {
            unread?.Invoke(element);
        }
    }

    public void Complete() => _channel.Writer.TryComplete();

    public void Fail(Exception error) => _channel.Writer.TryComplete(error);
}
