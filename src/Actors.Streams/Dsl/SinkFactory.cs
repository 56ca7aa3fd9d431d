using Actors.Streams.Runtime;
using Actors.Streams.Stages;

namespace Actors.Streams.Dsl;

/// <summary>Factories of sinks.</summary>
public static class Sink
{
    /// <summary>Calls <paramref name="action"/> for each element; materializes the number of elements.</summary>
    public static Sink<T, long> ForEach<T>(Action<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return SyncFold<T, long, long>("forEach", static () => 0L, (count, element) =>
        {
            action(element);
            return count + 1;
        }, static count => count);
    }

    /// <summary>Awaits <paramref name="action"/> for each element in turn; materializes the number of elements.</summary>
    public static Sink<T, long> ForEachAsync<T>(Func<T, CancellationToken, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Fold<T, long, long>("forEachAsync", static () => 0L, async (count, element, token) =>
        {
            await action(element, token).ConfigureAwait(false);
            return count + 1;
        }, static count => count);
    }

    /// <summary>Collects every element; materializes the list. Unbounded: for tests and small streams.</summary>
    public static Sink<T, IReadOnlyList<T>> ToList<T>() =>
        SyncFold<T, List<T>, IReadOnlyList<T>>("toList", static () => [], static (list, element) =>
        {
            list.Add(element);
            return list;
        }, static list => list);

    /// <summary>Folds every element into an accumulator; materializes the final value.</summary>
    public static Sink<T, TAcc> Aggregate<T, TAcc>(TAcc seed, Func<TAcc, T, TAcc> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return SyncFold<T, TAcc, TAcc>("aggregate", () => seed, step, static acc => acc);
    }

    /// <summary>Consumes and discards every element; materializes the number of elements.</summary>
    public static Sink<T, long> Ignore<T>() =>
        SyncFold<T, long, long>("ignore", static () => 0L, static (count, _) => count + 1, static count => count);

    /// <summary>Materializes the first element and cancels upstream; fails if the stream is empty.</summary>
    public static Sink<T, T> First<T>() => new((input, context, attributes) =>
    {
        var stage = context.CreateStage("first", attributes);
        var sink = new FirstSink<T>(stage, input);
        context.Start(stage, sink.RunAsync);
        return sink.Result;
    });

    private static Sink<T, TMat> Fold<T, TState, TMat>(string kind, Func<TState> seed, Func<TState, T, CancellationToken, ValueTask<TState>> step, Func<TState, TMat> result) =>
        Create<T, TState, TMat>(kind, (stage, input) => new DelegateSink<T, TState, TMat>(stage, input, seed, step, result));

    private static Sink<T, TMat> SyncFold<T, TState, TMat>(string kind, Func<TState> seed, Func<TState, T, TState> step, Func<TState, TMat> result) =>
        Create<T, TState, TMat>(kind, (stage, input) => new DelegateSink<T, TState, TMat>(stage, input, seed, null, result, step));

    private static Sink<T, TMat> Create<T, TState, TMat>(string kind, Func<StageContext, Edge<T>, DelegateSink<T, TState, TMat>> create) =>
        new((input, context, attributes) =>
        {
            var stage = context.CreateStage(kind, attributes);
            var sink = create(stage, input);
            context.Start(stage, sink.RunAsync);
            return sink.Result;
        });
}
