using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// Throttle(elements, per, maximumBurst, mode): a token bucket of <c>maximumBurst</c> tokens (at least 1)
/// refilled at <c>elements / per</c>; each element costs one token. Emits when a token is available and
/// downstream has room. Backpressures (Shaping) while waiting for a token or for downstream; Enforcing
/// fails instead of waiting. Completes when upstream completes. Cancels when downstream cancels. Time
/// comes from the run's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ThrottleStage<T> : LinearStage<T, T>
{
    private readonly double _tokensPerTick;
    private readonly double _capacity;
    private readonly ThrottleMode _mode;
    private double _tokens;
    private long _lastRefill;

    public ThrottleStage(StageContext stage, Edge<T> input, Edge<T> output, int elements, TimeSpan per, int maximumBurst, ThrottleMode mode)
        : base(stage, input, output)
    {
        _tokensPerTick = elements / (per.TotalSeconds * stage.Time.TimestampFrequency);
        _capacity = Math.Max(1, maximumBurst);
        _tokens = _capacity;
        _mode = mode;
        _lastRefill = stage.Time.GetTimestamp();
    }

    protected override async ValueTask OnPushAsync(T element)
    {
        Refill();
        if (_tokens < 1)
        {
            if (_mode == ThrottleMode.Enforcing)
            {
                throw new RateExceededException($"Stage '{Stage.Name}' received elements faster than its rate.");
            }

            var ticks = (1 - _tokens) / _tokensPerTick;
            var wait = TimeSpan.FromSeconds(ticks / Stage.Time.TimestampFrequency);
            await Task.Delay(wait < TimeSpan.FromTicks(1) ? TimeSpan.FromTicks(1) : wait, Stage.Time, Token).ConfigureAwait(false);
            Refill();
            _tokens = Math.Max(_tokens, 1);
        }

        _tokens -= 1;
        await PushAsync(element).ConfigureAwait(false);
    }

    private void Refill()
    {
        var now = Stage.Time.GetTimestamp();
        _tokens = Math.Min(_capacity, _tokens + ((now - _lastRefill) * _tokensPerTick));
        _lastRefill = now;
    }
}
