using Actors.Metrics.Collection;

namespace Actors.Metrics.Snapshots;

/// <summary>
/// Collects a snapshot every interval and hands it to each sink (<c>DIR/metrics.json</c>, the run store), and
/// once more when disposed so the last file shows the final counts. A failing sink is reported through
/// <c>onError</c> and counted (<c>actors_metrics_snapshot_failures_total</c>); it never stops the run.
/// </summary>
/// <example>
/// <code>
/// await using var publisher = MetricsSnapshotPublisher.Start(collector, [new MetricsFileSink(outDir)], settings.SnapshotInterval);
/// </code>
/// </example>
public sealed class MetricsSnapshotPublisher : IAsyncDisposable
{
    private readonly MetricsCollector _collector;
    private readonly IReadOnlyList<IMetricsSnapshotSink> _sinks;
    private readonly Action<Exception>? _onError;
    private readonly PeriodicTimer _timer;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Task _loop;
    private long _published;
    private int _disposed;

    private MetricsSnapshotPublisher(MetricsCollector collector, IReadOnlyList<IMetricsSnapshotSink> sinks, TimeSpan interval, TimeProvider timeProvider, Action<Exception>? onError)
    {
        _collector = collector;
        _sinks = sinks;
        _onError = onError;
        _timer = new PeriodicTimer(interval, timeProvider);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Snapshots written successfully (to all sinks).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Starts publishing every <paramref name="interval"/>.</summary>
    /// <param name="collector">Where the snapshots come from.</param>
    /// <param name="sinks">Where they go; each gets every snapshot.</param>
    /// <param name="interval">Time between snapshots (<see cref="MetricsSettings.SnapshotInterval"/>).</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="onError">Told about each failed write (for a log line); may be null.</param>
    public static MetricsSnapshotPublisher Start(
        MetricsCollector collector,
        IReadOnlyList<IMetricsSnapshotSink> sinks,
        TimeSpan interval,
        TimeProvider? timeProvider = null,
        Action<Exception>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(collector);
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return new MetricsSnapshotPublisher(collector, sinks, interval, timeProvider ?? TimeProvider.System, onError);
    }

    /// <summary>Collects and writes a snapshot now.</summary>
    public async Task PublishNowAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var snapshot = _collector.Collect();
            bool allWritten = true;
            foreach (var sink in _sinks)
            {
                try
                {
                    await sink.WriteAsync(snapshot, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    allWritten = false;
                    MetricsInstruments.SnapshotFailures.Add(1);
                    _onError?.Invoke(e);
                }
            }

            if (allWritten)
            {
                Interlocked.Increment(ref _published);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the timer and writes a final snapshot.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _timer.Dispose();
        await _loop.ConfigureAwait(false);
        await PublishNowAsync(CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
        _gate.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await PublishNowAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: the final snapshot is written by DisposeAsync.
        }
    }
}
