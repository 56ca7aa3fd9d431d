using Actors.Streams.Stages;
using Actors.Streams.Supervision;

namespace Actors.Streams.Dsl;

/// <summary>Sources that restart their inner source with exponential backoff.</summary>
public static class RestartSource
{
    /// <summary>Restarts the inner source when it fails or completes, until downstream cancels or the budget is spent.</summary>
    public static Source<T> WithBackoff<T>(RestartSettings settings, Func<Source<T>> factory) => Create(settings, factory, onlyOnFailures: false);

    /// <summary>Restarts the inner source only when it fails; its completion completes the wrapper.</summary>
    public static Source<T> OnFailuresWithBackoff<T>(RestartSettings settings, Func<Source<T>> factory) => Create(settings, factory, onlyOnFailures: true);

    private static Source<T> Create<T>(RestartSettings settings, Func<Source<T>> factory, bool onlyOnFailures)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(factory);
        return Source.Create<T>("restartSource", (stage, output) => new RestartSourceStage<T>(stage, output, factory, settings, onlyOnFailures).RunAsync());
    }
}
