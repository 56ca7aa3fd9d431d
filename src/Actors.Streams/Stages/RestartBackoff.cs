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
}
