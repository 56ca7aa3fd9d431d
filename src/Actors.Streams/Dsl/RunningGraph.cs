using Actors.Streams.Runtime;

namespace Actors.Streams.Dsl;

/// <summary>A materialized, running graph: its sink's value, its completion and its kill switch.</summary>
public sealed class RunningGraph<TMat>
{
    private readonly MaterializationContext _context;

    internal RunningGraph(MaterializationContext context, Task<TMat> materialized)
    {
        _context = context;
        Materialized = materialized;
        KillSwitch = new KillSwitch(context);
        Completion = CompleteAsync();
    }

    /// <summary>The sink's value; fails when the stream fails.</summary>
    public Task<TMat> Materialized { get; }

    /// <summary>
    /// Completes when every stage of the graph has stopped; faults with the run's first failure (the
    /// originating exception, not a wrapper). After it completes no stage task is left running.
    /// </summary>
    public Task Completion { get; }

    /// <summary>Shuts the graph down gracefully or aborts it.</summary>
    public KillSwitch KillSwitch { get; }

    /// <summary>Per-stage counters: live while running, final once <see cref="Completion"/> is done.</summary>
    public IReadOnlyList<StageMetrics> Stages => _context.StageMetrics;

    /// <summary>Stage loops still running (0 after completion).</summary>
    public int RunningStages => _context.RunningStages;

    private async Task CompleteAsync()
    {
        try
        {
            await _context.WhenAllStoppedAsync().ConfigureAwait(false);
            await Materialized.ContinueWith(static _ => { }, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            _context.Dispose();
        }

        if (_context.Failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }
}
