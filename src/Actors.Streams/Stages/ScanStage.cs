using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// Scan. Emits the seed first, then the running aggregate after each element. Backpressures when
/// downstream backpressures. Completes when upstream completes. Cancels when downstream cancels.
/// Supervision: Resume keeps the aggregate, Restart resets it to the seed (and emits the seed again, as
/// Akka does).
/// </summary>
internal sealed class ScanStage<TIn, TAcc>(StageContext stage, Edge<TIn> input, Edge<TAcc> output, TAcc seed, Func<TAcc, TIn, TAcc> step)
    : LinearStage<TIn, TAcc>(stage, input, output)
{
    private readonly TAcc _seed = seed;
    private TAcc _current = seed;
    private bool _seedPending = true;

    protected override async Task RunCoreAsync()
    {
        await EmitSeedIfPendingAsync().ConfigureAwait(false);
        await base.RunCoreAsync().ConfigureAwait(false);
    }

    protected override async ValueTask OnPushAsync(TIn element)
    {
        await EmitSeedIfPendingAsync().ConfigureAwait(false);
        _current = step(_current, element);
        await PushAsync(_current).ConfigureAwait(false);
    }

    protected override void Reset()
    {
        _current = _seed;
        _seedPending = true;
    }

    private ValueTask EmitSeedIfPendingAsync()
    {
        if (!_seedPending)
        {
            return default;
        }

        _seedPending = false;
        return PushAsync(_current);
    }
}
