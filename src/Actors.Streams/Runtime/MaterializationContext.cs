using System.Diagnostics;
using Actors.Streams.Dsl;
using Actors.Streams.Metrics;

namespace Actors.Streams.Runtime;

/// <summary>
/// Per-run state shared by the stages of one materialized graph: the stage tasks, the first failure,
/// and the abort and shutdown signals of its kill switch. Restart wrappers create child contexts whose
/// failures stay inside them.
/// </summary>
internal sealed class MaterializationContext : IDisposable
{
    private readonly object _gate = new();
    private readonly List<Task> _stages = [];
    private readonly List<StageMetrics> _metrics = [];
    private readonly CancellationTokenSource _abort;
    private readonly CancellationTokenSource _shutdown;
    private readonly MaterializationContext? _parent;
    private Exception? _failure;
    private int _stageCounter;

    public MaterializationContext(RunOptions options, CancellationToken cancellationToken)
    {
        Options = options;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _shutdown = new CancellationTokenSource();
        // An external cancellation is an abort: the run stops without draining.
        _abort.Token.Register(static state =>
        {
            var self = (MaterializationContext)state!;
            self.ReportFailure(self.AbortReason ?? new OperationCanceledException("The stream was cancelled."));
        }, this);
    }

    private MaterializationContext(MaterializationContext parent)
    {
        Options = parent.Options;
        _parent = parent;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(parent.AbortToken);
        _shutdown = CancellationTokenSource.CreateLinkedTokenSource(parent.ShutdownToken);
    }

    public RunOptions Options { get; }

    public TimeProvider Time => Options.TimeProvider;

    /// <summary>Cancelled when the run is aborted: every stage stops at once and fails its output.</summary>
    public CancellationToken AbortToken => _abort.Token;

    /// <summary>Cancelled on graceful shutdown: sources complete, everything in flight drains.</summary>
    public CancellationToken ShutdownToken => _shutdown.Token;

    private Exception? _abortReason;

    /// <summary>Why the run (or an enclosing run) was aborted; null while it was not.</summary>
    public Exception? AbortReason => _abortReason ?? _parent?.AbortReason;

    public Exception? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    public IReadOnlyList<StageMetrics> StageMetrics
    {
        get
        {
            lock (_gate)
            {
                return [.. _metrics];
            }
        }
    }

    public int RunningStages
    {
        get
        {
            lock (_gate)
            {
                return _stages.Count(static t => !t.IsCompleted);
            }
        }
    }

    public StageContext CreateStage(string kind, StageAttributes attributes)
    {
        var number = Interlocked.Increment(ref RootCounter());
        var name = attributes.StageName($"{number}-{kind}");
        var metrics = new StageMetrics(Options.Name, name);
        lock (_gate)
        {
            _metrics.Add(metrics);
        }

        _parent?.Adopt(metrics);
        StreamInstruments.Register(metrics);
        return new StageContext(this, name, metrics, attributes.Decider ?? Options.Decider,
            attributes.BufferSize ?? Options.DefaultBufferSize);
    }

    /// <summary>Runs a stage's loop on the thread pool and tracks it until the graph completes.</summary>
    public void Start(StageContext stage, Func<Task> loop)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await loop().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Stage loops handle their own failures; reaching here is a bug in a stage.
                Debug.Fail($"Stage {stage.Name} let an exception escape: {ex}");
                ReportFailure(ex);
            }
        });
        lock (_gate)
        {
            _stages.Add(task);
        }
    }

    /// <summary>Records the run's failure; the first one wins and becomes the completion's exception.</summary>
    public void ReportFailure(Exception error)
    {
        lock (_gate)
        {
            _failure ??= error;
        }
    }

    public MaterializationContext CreateChild() => new(this);

    public void Abort(Exception reason)
    {
        _abortReason ??= reason;
        ReportFailure(reason);
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run is over.
        }
    }

    public void Shutdown()
    {
        try
        {
            _shutdown.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run is over.
        }
    }

    /// <summary>Completes when every stage started so far (and any started while waiting) has stopped.</summary>
    public async Task WhenAllStoppedAsync()
    {
        while (true)
        {
            Task[] snapshot;
            lock (_gate)
            {
                snapshot = [.. _stages];
            }

            await Task.WhenAll(snapshot).ConfigureAwait(false);
            lock (_gate)
            {
                if (_stages.Count == snapshot.Length)
                {
                    return;
                }
            }
        }
    }

    public void Dispose()
    {
        foreach (var metrics in StageMetrics)
        {
            StreamInstruments.Unregister(metrics);
        }

        _abort.Dispose();
        _shutdown.Dispose();
    }

    private void Adopt(StageMetrics metrics)
    {
        lock (_gate)
        {
            _metrics.Add(metrics);
        }

        _parent?.Adopt(metrics);
    }

    private ref int RootCounter() => ref _parent is null ? ref _stageCounter : ref _parent.RootCounter();
}
