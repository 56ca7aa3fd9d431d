using System.Runtime.ExceptionServices;
using Actors.Streams.Runtime;
using Actors.Streams.Supervision;

namespace Actors.Streams.Stages;

/// <summary>
/// Restart bookkeeping shared by the restart wrappers: counts restarts within the window, computes the
/// next delay, and says when to give up.
/// </summary>
internal sealed class RestartBackoff(RestartSettings settings, TimeProvider time)
{
    private int _restarts;
    private DateTimeOffset _lastRestart = time.GetUtcNow();

    /// <summary>Restarts made so far (over the whole run).</summary>
    public int Total { get; private set; }

    /// <summary>The delay before the next restart, or null when the restart budget is spent.</summary>
    public TimeSpan? Next()
    {
        var now = time.GetUtcNow();
        if (now - _lastRestart > settings.MaxRestartsWithin)
        {
            _restarts = 0;
        }

        if (_restarts >= settings.MaxRestarts)
        {
            return null;
        }

        var delay = settings.Delay(_restarts, Random.Shared.NextDouble());
        _restarts++;
        Total++;
        _lastRestart = now;
        return delay;
    }

    /// <summary>
    /// Decides what follows an inner run that ended: true to run a new one (after the backoff has passed),
    /// false to complete. Throws <paramref name="failure"/> when the restart budget is spent.
    /// </summary>
    public async Task<bool> RestartAfterAsync(Exception? failure, bool completeOnSuccess, StageMetrics metrics, CancellationToken token)
    {
        if (failure is null && completeOnSuccess)
        {
            return false;
        }

        if (failure is not null)
        {
            metrics.FailedCount++;
        }

        if (Next() is not { } delay)
        {
            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            return false;
        }

        await Task.Delay(delay, time, token).ConfigureAwait(false);
        return true;
    }
}
