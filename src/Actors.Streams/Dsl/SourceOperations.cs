namespace Actors.Streams.Dsl;

/// <summary>The operators as extension methods on <see cref="Source{T}"/>.</summary>
public static class SourceOperations
{
    /// <summary>Transforms each element.</summary>
    public static Source<TOut> Select<T, TOut>(this Source<T> self, Func<T, TOut> selector) =>
        Guard(self).Via(Flow.Select(selector));

    /// <summary>Keeps elements that pass the predicate.</summary>
    public static Source<T> Where<T>(this Source<T> self, Func<T, bool> predicate) =>
        Guard(self).Via(Flow.Where(predicate));

    /// <summary>Emits every element of the sequence each input maps to.</summary>
    public static Source<TOut> SelectMany<T, TOut>(this Source<T> self, Func<T, IEnumerable<TOut>> selector) =>
        Guard(self).Via(Flow.SelectMany(selector));

    /// <summary>Up to <paramref name="parallelism"/> calls at once; results in input order.</summary>
    public static Source<TOut> SelectAsync<T, TOut>(this Source<T> self, int parallelism, Func<T, CancellationToken, Task<TOut>> selector) =>
        Guard(self).Via(Flow.SelectAsync(parallelism, selector));

    /// <summary>Up to <paramref name="parallelism"/> calls at once; results as they finish.</summary>
    public static Source<TOut> SelectAsyncUnordered<T, TOut>(this Source<T> self, int parallelism, Func<T, CancellationToken, Task<TOut>> selector) =>
        Guard(self).Via(Flow.SelectAsyncUnordered(parallelism, selector));

    /// <summary>Groups of up to <paramref name="size"/>, emitted early when <paramref name="window"/> passes.</summary>
    public static Source<IReadOnlyList<T>> GroupedWithin<T>(this Source<T> self, int size, TimeSpan window) =>
        Guard(self).Via(Flow.GroupedWithin<T>(size, window));

    /// <summary>The seed, then the running aggregate after each element.</summary>
    public static Source<TAcc> Scan<T, TAcc>(this Source<T> self, TAcc seed, Func<TAcc, T, TAcc> step) =>
        Guard(self).Via(Flow.Scan(seed, step));

    /// <summary>The first <paramref name="count"/> elements, then completion.</summary>
    public static Source<T> Take<T>(this Source<T> self, long count) =>
        Guard(self).Via(Flow.Take<T>(count));

    /// <summary>A buffer of <paramref name="size"/> with the given overflow strategy.</summary>
    public static Source<T> Buffer<T>(this Source<T> self, int size, Stages.OverflowStrategy strategy) =>
        Guard(self).Via(Flow.Buffer<T>(size, strategy));

    /// <summary>At most <paramref name="elements"/> per <paramref name="per"/>.</summary>
    public static Source<T> Throttle<T>(this Source<T> self, int elements, TimeSpan per, int maximumBurst, Stages.ThrottleMode mode) =>
        Guard(self).Via(Flow.Throttle<T>(elements, per, maximumBurst, mode));

    /// <summary>Turns a handled upstream failure into a last element and completion.</summary>
    public static Source<T> Recover<T>(this Source<T> self, Func<Exception, (bool Handled, T Replacement)> recover) =>
        Guard(self).Via(Flow.Recover(recover));

    /// <summary>Also sends every element to <paramref name="side"/>.</summary>
    public static Source<T> AlsoTo<T, TMat>(this Source<T> self, Sink<T, TMat> side) =>
        Guard(self).Via(Flow.AlsoTo(side));

    /// <summary>Sends matching elements to <paramref name="side"/> instead of downstream.</summary>
    public static Source<T> DivertTo<T, TMat>(this Source<T> self, Sink<T, TMat> side, Func<T, bool> predicate) =>
        Guard(self).Via(Flow.DivertTo(side, predicate));

    private static Source<T> Guard<T>(Source<T> self)
    {
        ArgumentNullException.ThrowIfNull(self);
        return self;
    }
}
