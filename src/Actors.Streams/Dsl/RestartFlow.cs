using Actors.Streams.Stages;
using Actors.Streams.Supervision;

namespace Actors.Streams.Dsl;

/// <summary>Flows that restart their inner flow with exponential backoff.</summary>
public static class RestartFlow
{
    /// <summary>Restarts the inner flow when it fails or completes early.</summary>
    public static Flow<TIn, TOut> WithBackoff<TIn, TOut>(RestartSettings settings, Func<Flow<TIn, TOut>> factory) => Create(settings, factory, onlyOnFailures: false);

    /// <summary>Restarts the inner flow only when it fails.</summary>
    public static Flow<TIn, TOut> OnFailuresWithBackoff<TIn, TOut>(RestartSettings settings, Func<Flow<TIn, TOut>> factory) => Create(settings, factory, onlyOnFailures: true);

    private static Flow<TIn, TOut> Create<TIn, TOut>(RestartSettings settings, Func<Flow<TIn, TOut>> factory, bool onlyOnFailures)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(factory);
        return Flow.Linear<TIn, TOut>("restartFlow", (s, i, o) => new RestartFlowStage<TIn, TOut>(s, i, o, factory, settings, onlyOnFailures).RunAsync);
    }
}
