using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Actors.Streams.Metrics;

/// <summary>
/// Actor instruments on the <see cref="StreamInstruments.MeterName"/> meter: observable counters over
/// the live actors' <see cref="ActorMetrics"/>, and a histogram of handler latency.
/// </summary>
public static class ActorInstruments
{
    private static readonly ConcurrentDictionary<ActorMetrics, byte> s_live = new();

    internal static Histogram<double> Latency { get; } = StreamInstruments.Meter.CreateHistogram<double>(
        "actors.actor.latency", "ms", "Time an actor spent handling one message.");

    static ActorInstruments()
    {
        var meter = StreamInstruments.Meter;
        meter.CreateObservableCounter("actors.actor.received", () => Observe(static m => m.Received), "{message}", "Messages accepted into actor mailboxes.");
        meter.CreateObservableCounter("actors.actor.processed", () => Observe(static m => m.Processed), "{message}", "Messages actors handled.");
        meter.CreateObservableCounter("actors.actor.failed", () => Observe(static m => m.Failed), "{message}", "Messages whose handler threw.");
        meter.CreateObservableCounter("actors.actor.dead_lettered", () => Observe(static m => m.DeadLettered), "{message}", "Messages actors could not process.");
        meter.CreateObservableCounter("actors.actor.restarts", () => Observe(static m => m.Restarts), "{restart}", "Actor restarts by supervision.");
        meter.CreateObservableGauge("actors.actor.mailbox_depth", () => Observe(static m => m.MailboxDepth), "{message}", "Messages waiting in actor mailboxes.");
    }

    /// <summary>The actors now running (a snapshot).</summary>
    public static IReadOnlyList<ActorMetrics> LiveActors => [.. s_live.Keys];

    internal static void Register(ActorMetrics metrics) => s_live.TryAdd(metrics, 0);

    internal static void Unregister(ActorMetrics metrics) => s_live.TryRemove(metrics, out _);

    private static IEnumerable<Measurement<long>> Observe(Func<ActorMetrics, long> read)
    {
        foreach (var metrics in s_live.Keys)
        {
            yield return new Measurement<long>(read(metrics),
                new KeyValuePair<string, object?>("group", metrics.Group),
                new KeyValuePair<string, object?>("actor", metrics.Actor));
        }
    }
}
