using System.Collections.Concurrent;

namespace Actors.Metrics.Progress;

/// <summary>
/// The progress model of a run: ordered stages with done/expected counts, plus named counters (accepted,
/// dropped, quarantined...). The run updates it; <see cref="RunProgressReporter"/> shows it; while it is
/// not disposed it is also published on the <c>Actors.Run</c> meter (<c>actors_run_stage_done_total</c>,
/// <c>actors_run_stage_expected</c>, <c>actors_run_stage_elapsed_seconds</c>, labels run and stage), which is
/// how <c>actors watch</c> computes an ETA. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// using var progress = new RunProgress("self-instruct");
/// var generate = progress.Stage("generate", expected: 1000);
/// generate.Advance();
/// progress.Increment("accepted");
/// </code>
/// </example>
public sealed class RunProgress : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly Lock _stagesGate = new();
    private readonly ConcurrentDictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _counterOrder = new();
    private ProgressStage[] _stages = [];
    private int _disposed;

    /// <summary>Creates the model of run <paramref name="run"/> and publishes it on the <c>Actors.Run</c> meter.</summary>
    public RunProgress(string run, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(run);
        Run = run;
        _timeProvider = timeProvider ?? TimeProvider.System;
        Started = _timeProvider.GetTimestamp();
        RunInstruments.Register(this);
    }

    /// <summary>The run's name.</summary>
    public string Run { get; }

    /// <summary>The stages, in the order they were first named.</summary>
    public IReadOnlyList<ProgressStage> Stages => Volatile.Read(ref _stages);

    /// <summary>The counters, in the order they were first incremented.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Counters =>
        [.. _counterOrder.Select(name => new KeyValuePair<string, long>(name, _counters.GetValueOrDefault(name)))];

    /// <summary>Time since the model was created.</summary>
    public TimeSpan Elapsed => _timeProvider.GetElapsedTime(Started);

    internal long Started { get; }

    internal TimeProvider TimeProvider => _timeProvider;

    /// <summary>The stage named <paramref name="name"/>, created (last in order) on first use.</summary>
    /// <param name="name">The stage's name.</param>
    /// <param name="expected">Items expected in all, when known; sets it on an existing stage too.</param>
    public ProgressStage Stage(string name, long? expected = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var stage = Array.Find(Volatile.Read(ref _stages), s => s.Name == name);
        if (stage is null)
        {
            lock (_stagesGate)
            {
                stage = Array.Find(_stages, s => s.Name == name);
                if (stage is null)
                {
                    stage = new ProgressStage(name, _timeProvider);
                    Volatile.Write(ref _stages, [.. _stages, stage]);
                }
            }
        }

        if (expected is { } total)
        {
            stage.SetExpected(total);
        }

        return stage;
    }

    /// <summary>Adds <paramref name="by"/> to counter <paramref name="name"/>.</summary>
    public void Increment(string name, long by = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_counters.TryAdd(name, by))
        {
            _counterOrder.Enqueue(name);
            return;
        }

        _counters.AddOrUpdate(name, by, (_, value) => value + by);
    }

    /// <summary>The value of counter <paramref name="name"/> (0 when never incremented).</summary>
    public long Counter(string name) => _counters.GetValueOrDefault(name);

    /// <summary>Stops publishing on the meter.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            RunInstruments.Unregister(this);
        }
    }
}
