namespace Actors.Streams.Dsl;

/// <summary>The operators as extension methods on <see cref="Flow{TIn, T}"/>.</summary>
public static class FlowOperations
{
    /// <summary>Transforms each element.</summary>
    public static Flow<TIn, TOut> Select<TIn, T, TOut>(this Flow<TIn, T> self, Func<T, TOut> selector) =>
        Guard(self).Via(Flow.Select(selector));

    /// <summary>Keeps elements that pass the predicate.</summary>
    public static Flow<TIn, T> Where<TIn, T>(this Flow<TIn, T> self, Func<T, bool> predicate) =>
        Guard(self).Via(Flow.Where(predicate));

    /// <summary>Emits every element of the sequence each input maps to.</summary>
    public static Flow<TIn, TOut> SelectMany<TIn, T, TOut>(this Flow<TIn, T> self, Func<T, IEnumerable<TOut>> selector) =>
        Guard(self).Via(Flow.SelectMany(selector));

    /// <summary>Up to <paramref name="parallelism"/> calls at once; results in input order.</summary>
    public static Flow<TIn, TOut> SelectAsync<TIn, T, TOut>(this Flow<TIn, T> self, int parallelism, Func<T, CancellationToken, Task<TOut>> selector) =>
        Guard(self).Via(Flow.SelectAsync(parallelism, selector));

    /// <summary>Up to <paramref name="parallelism"/> calls at once; results as they finish.</summary>
    public static Flow<TIn, TOut> SelectAsyncUnordered<TIn, T, TOut>(this Flow<TIn, T> self, int parallelism, Func<T, CancellationToken, Task<TOut>> selector) =>
        Guard(self).Via(Flow.SelectAsyncUnordered(parallelism, selector));

    /// <summary>Groups of up to <paramref name="size"/>, emitted early when <paramref name="window"/> passes.</summary>
    public static Flow<TIn, IReadOnlyList<T>> GroupedWithin<TIn, T>(this Flow<TIn, T> self, int size, TimeSpan window) =>
        Guard(self).Via(Flow.GroupedWithin<T>(size, window));

    /// <summary>The seed, then the running aggregate after each element.</summary>
    public static Flow<TIn, TAcc> Scan<TIn, T, TAcc>(this Flow<TIn, T> self, TAcc seed, Func<TAcc, T, TAcc> step) =>
        Guard(self).Via(Flow.Scan(seed, step));

    /// <summary>The first <paramref name="count"/> elements, then completion.</summary>
    public static Flow<TIn, T> Take<TIn, T>(this Flow<TIn, T> self, long count) =>
        Guard(self).Via(Flow.Take<T>(count));

    /// <summary>A buffer of <paramref name="size"/> with the given overflow strategy.</summary>
    public static Flow<TIn, T> Buffer<TIn, T>(this Flow<TIn, T> self, int size, Stages.OverflowStrategy strategy) =>
        Guard(self).Via(Flow.Buffer<T>(size, strategy));

    /// <summary>At most <paramref name="elements"/> per <paramref name="per"/>.</summary>
    public static Flow<TIn, T> Throttle<TIn, T>(this Flow<TIn, T> self, int elements, TimeSpan per, int maximumBurst, Stages.ThrottleMode mode) =>
        Guard(self).Via(Flow.Throttle<T>(elements, per, maximumBurst, mode));

    /// <summary>Turns a handled upstream failure into a last element and completion.</summary>
    public static Flow<TIn, T> Recover<TIn, T>(this Flow<TIn, T> self, Func<Exception, (bool Handled, T Replacement)> recover) =>
        Guard(self).Via(Flow.Recover(recover));

    /// <summary>Also sends every element to <paramref name="side"/>.</summary>
    public static Flow<TIn, T> AlsoTo<TIn, T, TMat>(this Flow<TIn, T> self, Sink<T, TMat> side) =>
        Guard(self).Via(Flow.AlsoTo(side));

    /// <summary>Sends matching elements to <paramref name="side"/> instead of downstream.</summary>
    public static Flow<TIn, T> DivertTo<TIn, T, TMat>(this Flow<TIn, T> self, Sink<T, TMat> side, Func<T, bool> predicate) =>
        Guard(self).Via(Flow.DivertTo(side, predicate));

    private static Flow<TIn, T> Guard<TIn, T>(Flow<TIn, T> self)
    {
        ArgumentNullException.ThrowIfNull(self);
        return self;
    }
}
