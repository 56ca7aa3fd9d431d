using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Actors.Metrics.Progress;

/// <summary>
/// The <c>Actors.Run</c> meter: observable instruments over the live <see cref="RunProgress"/> models, so
/// the run's progress reaches the endpoint, the snapshots and <c>actors watch</c> like any other metric.
/// </summary>
internal static class RunInstruments
{
    public const string MeterName = "Actors.Run";

    private static readonly ConcurrentDictionary<RunProgress, byte> s_live = new();
    private static readonly Meter s_meter = new(MeterName);

    static RunInstruments()
    {
        s_meter.CreateObservableCounter("actors.run.stage.done", () => Observe(static s => s.Done), "{item}", "Items a run stage has done.");
        s_meter.CreateObservableGauge("actors.run.stage.expected", () => Observe(static s => s.Expected), "{item}", "Items a run stage expects in all (absent while unknown).");
        s_meter.CreateObservableGauge("actors.run.stage.elapsed", () => ObserveSeconds(), "s", "Seconds since a run stage first made progress.");
    }

    public static void Register(RunProgress progress) => s_live.TryAdd(progress, 0);

    public static void Unregister(RunProgress progress) => s_live.TryRemove(progress, out _);

    private static IEnumerable<Measurement<long>> Observe(Func<ProgressStage, long?> read)
    {
        foreach (var progress in s_live.Keys)
        {
            foreach (var stage in progress.Stages)
            {
                if (read(stage) is { } value)
                {
                    yield return new Measurement<long>(value, Tags(progress, stage));
                }
            }
        }
    }

    private static IEnumerable<Measurement<double>> ObserveSeconds()
    {
        foreach (var progress in s_live.Keys)
        {
            foreach (var stage in progress.Stages)
            {
                yield return new Measurement<double>(stage.Elapsed.TotalSeconds, Tags(progress, stage));
            }
        }
    }

    private static KeyValuePair<string, object?>[] Tags(RunProgress progress, ProgressStage stage) =>
        [new("run", progress.Run), new("stage", stage.Name)];
}
