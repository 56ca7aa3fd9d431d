using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Actors.Inference.Metrics;

/// <summary>
/// The instruments of the <see cref="InferenceMeter.Name"/> meter. Per-device counters are observable instruments over
/// the live devices' <see cref="DeviceMetrics"/>, tagged <c>device</c> and <c>model</c>; latency and batch occupancy
/// are histograms; dead letters and cache lookups are counters tagged by model (and kind).
/// </summary>
internal static class InferenceInstruments
{
    private static readonly ConcurrentDictionary<DeviceMetrics, byte> s_live = new();

    public static Meter Meter { get; } = new(InferenceMeter.Name);

    public static Histogram<double> Latency { get; } = Meter.CreateHistogram<double>(
        "actors.inference.latency", "ms", "Duration of one backend call (a batch), from send to parsed answer.");

    public static Histogram<double> BatchOccupancy { get; } = Meter.CreateHistogram<double>(
        "actors.inference.batch_occupancy", "1", "Requests in a batch divided by the device's max-batch.");

    public static Counter<long> DeadLetters { get; } = Meter.CreateCounter<long>(
        "actors.inference.dead_letters", "{request}", "Requests that failed after retries, by the kind of their last failure.");

    public static Counter<long> CacheHits { get; } = Meter.CreateCounter<long>(
        "actors.inference.cache_hits", "{request}", "Requests answered from the response cache.");

    public static Counter<long> CacheMisses { get; } = Meter.CreateCounter<long>(
        "actors.inference.cache_misses", "{request}", "Cache lookups that found nothing.");

    public static Counter<long> Retries { get; } = Meter.CreateCounter<long>(
        "actors.inference.retries", "{request}", "Retries scheduled after a failed attempt.");

    static InferenceInstruments()
    {
        Meter.CreateObservableCounter("actors.inference.requests", () => Observe(static m => Interlocked.Read(ref m.Requests)), "{request}", "Requests sent to a device's backend (each attempt counts).");
        Meter.CreateObservableCounter("actors.inference.batches", () => Observe(static m => Interlocked.Read(ref m.Batches)), "{batch}", "Backend calls (batches) sent to a device.");
        Meter.CreateObservableCounter("actors.inference.tokens_in", () => Observe(static m => Interlocked.Read(ref m.TokensIn)), "{token}", "Prompt tokens sent to a device.");
        Meter.CreateObservableCounter("actors.inference.tokens_out", () => Observe(static m => Interlocked.Read(ref m.TokensOut)), "{token}", "Completion tokens received from a device.");
        Meter.CreateObservableCounter("actors.inference.succeeded", () => Observe(static m => Interlocked.Read(ref m.Succeeded)), "{request}", "Requests a device answered.");
        Meter.CreateObservableCounter("actors.inference.restarts", () => Observe(static m => Interlocked.Read(ref m.Restarts)), "{restart}", "Device restarts: server relaunches and re-admissions after being out of service.");
        Meter.CreateObservableCounter("actors.inference.errors", ObserveErrors, "{request}", "Failed attempts on a device, by kind.");
        Meter.CreateObservableGauge("actors.inference.in_flight", () => Observe(static m => m.Outstanding), "{request}", "Requests dispatched to a device and not finished (queued or in a call).");
    }

    public static void Register(DeviceMetrics metrics) => s_live.TryAdd(metrics, 0);

    public static void Unregister(DeviceMetrics metrics) => s_live.TryRemove(metrics, out _);

    public static KeyValuePair<string, object?>[] Tags(DeviceMetrics metrics) =>
        [new("device", metrics.Device), new("model", metrics.Model)];

    private static IEnumerable<Measurement<long>> Observe(Func<DeviceMetrics, long> read)
    {
        foreach (var metrics in s_live.Keys)
        {
            yield return new Measurement<long>(read(metrics), Tags(metrics));
        }
    }

    private static IEnumerable<Measurement<long>> ObserveErrors()
    {
        var kinds = Enum.GetValues<FailureKind>();
        foreach (var metrics in s_live.Keys)
        {
            foreach (var kind in kinds)
            {
                var count = Interlocked.Read(ref metrics.ErrorsByKind[(int)kind]);
                if (count > 0)
                {
                    yield return new Measurement<long>(count,
                        new KeyValuePair<string, object?>("device", metrics.Device),
                        new KeyValuePair<string, object?>("model", metrics.Model),
                        new KeyValuePair<string, object?>("kind", KindTag(kind)));
                }
            }
        }
    }

    /// <summary>The kind as a tag value: timeout, rate-limited, server-error, ...</summary>
    public static string KindTag(FailureKind kind) => kind switch
    {
        FailureKind.Timeout => "timeout",
        FailureKind.RateLimited => "rate-limited",
        FailureKind.ServerError => "server-error",
        FailureKind.ConnectionReset => "connection-reset",
        FailureKind.MalformedResponse => "malformed-response",
        FailureKind.EmptyText => "empty-text",
        FailureKind.Truncated => "truncated",
        FailureKind.ClientError => "client-error",
        FailureKind.Cancelled => "cancelled",
        FailureKind.NoDevice => "no-device",
        _ => kind.ToString(),
    };
}
