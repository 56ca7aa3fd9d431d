using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// The sinks built from a fold: ForEach, ForEachAsync, ToList, Aggregate, Ignore. Reads every element,
/// applies the step (synchronous or asynchronous, exactly one is given), completes with the final state
/// when upstream completes. Supervision: yes (a throwing step under
/// Resume drops that element).
/// </summary>
internal sealed class DelegateSink<T, TState, TMat>(
    StageContext stage,
    Edge<T> input,
    Func<TState> seed,
    Func<TState, T, CancellationToken, ValueTask<TState>>? step,
    Func<TState, TMat> result,
    Func<TState, T, TState>? syncStep = null)
    : SinkStage<T, TMat>(stage, input)
{
    protected override async Task<TMat> ConsumeAsync()
    {
        var state = seed();
        var reader = Input.Reader;
        while (await reader.WaitToReadAsync(Token).ConfigureAwait(false))
        {
            while (reader.TryRead(out var element))
            {
                Stage.Metrics.InCount++;
                try
                {
                    if (syncStep is not null)
                    {
                        // Synchronous folds (Aggregate, ForEach, Ignore): one delegate call, no ValueTask.
                        state = syncStep(state, element);
                    }
                    else
                    {
                        var pending = step!(state, element, Token);
                        state = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !Token.IsCancellationRequested)
                {
                    switch (Stage.Decide(ex, element))
                    {
                        case Supervision.Directive.Stop:
                            throw;
                        case Supervision.Directive.Restart:
                            state = seed();
                            break;
                    }
                }
            }
        }

        return result(state);
    }
}
