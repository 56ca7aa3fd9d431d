using System.Diagnostics;

namespace Actors.Streams.Runtime;

/// <summary>
/// Counters of one running stage. Each counter is written by the stage's own loop only (single writer),
/// so plain increments suffice; observers read them through <see cref="Metrics.StreamInstruments"/>.
/// </summary>
[DebuggerDisplay("{Stage}: in {In}, out {Out}, dropped {Dropped}, failed {Failed}")]
public sealed class StageMetrics
{
    internal long InCount;
    internal long OutCount;
    internal long DroppedCount;
    internal long FailedCount;
    internal long InFlightCount;
    internal Func<int>? QueueDepthProbe;

    internal StageMetrics(string graph, string stage)
    {
        Graph = graph;
        Stage = stage;
    }

    /// <summary>The graph's name (from <see cref="Dsl.RunOptions.Name"/>).</summary>
    public string Graph { get; }

    /// <summary>The stage's unique name within its graph.</summary>
    public string Stage { get; }

    /// <summary>Elements taken from upstream.</summary>
    public long In => Volatile.Read(ref InCount);

    /// <summary>Elements emitted downstream.</summary>
    public long Out => Volatile.Read(ref OutCount);

    /// <summary>Elements dropped (supervision Resume/Restart, dropping buffers, closed branches).</summary>
    public long Dropped => Volatile.Read(ref DroppedCount);

    /// <summary>Exceptions the stage saw (whatever the directive).</summary>
    public long Failed => Volatile.Read(ref FailedCount);

    /// <summary>Elements being processed right now (asynchronous stages).</summary>
    public long InFlight => Volatile.Read(ref InFlightCount);

    /// <summary>Elements waiting in the stage's input edge.</summary>
    public int QueueDepth => QueueDepthProbe?.Invoke() ?? 0;
}
