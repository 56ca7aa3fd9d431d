using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Actors.Streams.Runtime;

namespace Actors.Streams.Metrics;

/// <summary>
/// The <c>Actors.Streams</c> meter. Stage counters are observable instruments read from the live
/// <see cref="StageMetrics"/> of every running graph, so the hot path pays a plain increment and
/// nothing at all when no listener is attached. Latency is a histogram recorded by asynchronous stages.
/// </summary>
public static class StreamInstruments
{
    /// <summary>Name of the meter that carries every stream and actor instrument.</summary>
    public const string MeterName = "Actors.Streams";

    private static readonly ConcurrentDictionary<StageMetrics, byte> s_live = new();

    internal static Meter Meter { get; } = new(MeterName);

    internal static Histogram<double> StageLatency { get; } = Meter.CreateHistogram<double>(
        "actors.stream.stage.latency", "ms", "Time an asynchronous stage spent on one element.");

    static StreamInstruments()
    {
        Meter.CreateObservableCounter("actors.stream.stage.in", () => Observe(static m => m.In), "{element}", "Elements a stage took from upstream.");
        Meter.CreateObservableCounter("actors.stream.stage.out", () => Observe(static m => m.Out), "{element}", "Elements a stage emitted downstream.");
        Meter.CreateObservableCounter("actors.stream.stage.dropped", () => Observe(static m => m.Dropped), "{element}", "Elements a stage dropped (supervision, dropping buffers, closed branches).");
        Meter.CreateObservableCounter("actors.stream.stage.failed", () => Observe(static m => m.Failed), "{exception}", "Exceptions a stage saw while processing elements.");
        Meter.CreateObservableGauge("actors.stream.stage.in_flight", () => Observe(static m => m.InFlight), "{element}", "Elements a stage is processing now.");
        Meter.CreateObservableGauge("actors.stream.stage.queue_depth", () => Observe(static m => m.QueueDepth), "{element}", "Elements waiting in a stage's input edge.");
    }

    /// <summary>The stages of every graph now running (a snapshot).</summary>
    public static IReadOnlyList<StageMetrics> LiveStages => [.. s_live.Keys];

    internal static void Register(StageMetrics metrics) => s_live.TryAdd(metrics, 0);

    internal static void Unregister(StageMetrics metrics) => s_live.TryRemove(metrics, out _);

    private static IEnumerable<Measurement<long>> Observe(Func<StageMetrics, long> read)
    {
        foreach (var metrics in s_live.Keys)
        {
            yield return new Measurement<long>(read(metrics),
                new KeyValuePair<string, object?>("graph", metrics.Graph),
                new KeyValuePair<string, object?>("stage", metrics.Stage));
        }
    }
}
