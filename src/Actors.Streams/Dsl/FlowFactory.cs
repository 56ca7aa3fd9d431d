using System.Threading.Channels;
using Actors.Streams.Runtime;
using Actors.Streams.Stages;
using Actors.Streams.Supervision;

namespace Actors.Streams.Dsl;

/// <summary>
/// Factories of flows: every operator as a standalone blueprint. The same operators are available as
/// extension methods on sources and flows (<see cref="SourceOperations"/>, <see cref="FlowOperations"/>).
/// </summary>
public static class Flow
{
    /// <summary>A flow that passes elements through unchanged (a starting point for composition).</summary>
    public static Flow<T, T> Create<T>() => new((input, _, _) => input);

    /// <summary>Transforms each element. See <see cref="SelectStage{TIn, TOut}"/> for the contract.</summary>
    public static Flow<TIn, TOut> Select<TIn, TOut>(Func<TIn, TOut> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Linear<TIn, TOut>("select", (s, i, o) => new SelectStage<TIn, TOut>(s, i, o, selector).RunAsync);
    }

    /// <summary>Keeps elements that pass the predicate.</summary>
    public static Flow<T, T> Where<T>(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Linear<T, T>("where", (s, i, o) => new WhereStage<T>(s, i, o, predicate).RunAsync);
    }

    /// <summary>Emits every element of the sequence each input maps to.</summary>
    public static Flow<TIn, TOut> SelectMany<TIn, TOut>(Func<TIn, IEnumerable<TOut>> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Linear<TIn, TOut>("selectMany", (s, i, o) => new SelectManyStage<TIn, TOut>(s, i, o, selector).RunAsync);
    }

    /// <summary>Runs up to <paramref name="parallelism"/> calls at once; emits results in input order.</summary>
    public static Flow<TIn, TOut> SelectAsync<TIn, TOut>(int parallelism, Func<TIn, CancellationToken, Task<TOut>> selector)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        ArgumentNullException.ThrowIfNull(selector);
        return Linear<TIn, TOut>("selectAsync", (s, i, o) => new SelectAsyncStage<TIn, TOut>(s, i, o, parallelism, selector).RunAsync);
    }

    /// <summary>Runs up to <paramref name="parallelism"/> calls at once; emits results as they finish.</summary>
    public static Flow<TIn, TOut> SelectAsyncUnordered<TIn, TOut>(int parallelism, Func<TIn, CancellationToken, Task<TOut>> selector)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        ArgumentNullException.ThrowIfNull(selector);
        return Linear<TIn, TOut>("selectAsyncUnordered", (s, i, o) => new SelectAsyncUnorderedStage<TIn, TOut>(s, i, o, parallelism, selector).RunAsync);
    }

    /// <summary>Groups up to <paramref name="size"/> elements, emitting early when <paramref name="window"/> passes.</summary>
    public static Flow<T, IReadOnlyList<T>> GroupedWithin<T>(int size, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        return Linear<T, IReadOnlyList<T>>("groupedWithin", (s, i, o) => new GroupedWithinStage<T>(s, i, o, size, window).RunAsync);
    }

    /// <summary>The running aggregate: the seed, then one value per element.</summary>
    public static Flow<TIn, TAcc> Scan<TIn, TAcc>(TAcc seed, Func<TAcc, TIn, TAcc> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Linear<TIn, TAcc>("scan", (s, i, o) => new ScanStage<TIn, TAcc>(s, i, o, seed, step).RunAsync);
    }

    /// <summary>The first <paramref name="count"/> elements, then completes and cancels upstream.</summary>
    public static Flow<T, T> Take<T>(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Linear<T, T>("take", (s, i, o) => new TakeStage<T>(s, i, o, count).RunAsync);
    }

    /// <summary>
    /// Buffers up to <paramref name="size"/> elements. <see cref="OverflowStrategy.Backpressure"/> is lossless;
    /// the dropping strategies never backpressure and count every element they drop.
    /// </summary>
    public static Flow<T, T> Buffer<T>(int size, OverflowStrategy strategy)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (strategy == OverflowStrategy.Backpressure)
        {
            // A bigger edge is all a backpressuring buffer is.
            return Linear<T, T>("buffer", (s, i, o) => new SelectStage<T, T>(s, i, o, static x => x).RunAsync).WithBufferSize(size);
        }

        var (mode, reason) = strategy switch
        {
            OverflowStrategy.DropHead => (BoundedChannelFullMode.DropOldest, "buffer:drop-head"),
            OverflowStrategy.DropTail => (BoundedChannelFullMode.DropNewest, "buffer:drop-tail"),
            OverflowStrategy.DropNew => (BoundedChannelFullMode.DropWrite, "buffer:drop-new"),
            _ => (BoundedChannelFullMode.Wait, "buffer"),
        };
        return new Flow<T, T>((input, context, attributes) =>
        {
            var stage = context.CreateStage("buffer", attributes);
            var output = new Edge<T>(stage.Name, size, fullMode: mode,
                itemDropped: mode == BoundedChannelFullMode.Wait ? null : dropped =>
                {
                    stage.Metrics.OutCount--;
                    stage.Drop(dropped, reason);
                });
            context.Start(stage, new BufferStage<T>(stage, input, output, size, strategy).RunAsync);
            return output;
        });
    }

    /// <summary>Limits the rate to <paramref name="elements"/> per <paramref name="per"/>, with bursts up to <paramref name="maximumBurst"/>.</summary>
    public static Flow<T, T> Throttle<T>(int elements, TimeSpan per, int maximumBurst, ThrottleMode mode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(elements, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(per, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(maximumBurst);
        return Linear<T, T>("throttle", (s, i, o) => new ThrottleStage<T>(s, i, o, elements, per, maximumBurst, mode).RunAsync);
    }

    /// <summary>On an upstream failure that <paramref name="recover"/> handles, emits its replacement and completes.</summary>
    public static Flow<T, T> Recover<T>(Func<Exception, (bool Handled, T Replacement)> recover)
    {
        ArgumentNullException.ThrowIfNull(recover);
        return Linear<T, T>("recover", (s, i, o) => new RecoverStage<T>(s, i, o, recover).RunAsync);
    }

    /// <summary>Sends every element to <paramref name="side"/> as well as downstream.</summary>
    public static Flow<T, T> AlsoTo<T, TMat>(Sink<T, TMat> side) => SideOutput(side, static _ => true, alsoMain: true, "alsoTo");

    /// <summary>Sends elements matching <paramref name="predicate"/> to <paramref name="side"/> instead of downstream (e.g. dead letters).</summary>
    public static Flow<T, T> DivertTo<T, TMat>(Sink<T, TMat> side, Func<T, bool> predicate) => SideOutput(side, predicate, alsoMain: false, "divertTo");

    /// <summary>
    /// Routes each element to the branch the partitioner picks and merges the branches' outputs. An index
    /// with no branch fails the stream (never a stall).
    /// </summary>
    public static Flow<TIn, TOut> Partition<TIn, TOut>(Func<TIn, int> partitioner, params Flow<TIn, TOut>[] branches)
    {
        ArgumentNullException.ThrowIfNull(partitioner);
        return FanOutIn("partition", branches, (stage, input, outputs) => new PartitionStage<TIn>(stage, input, outputs, partitioner).RunAsync);
    }

    /// <summary>Sends each element to every branch (the slowest gates all) and merges their outputs.</summary>
    public static Flow<TIn, TOut> Broadcast<TIn, TOut>(params Flow<TIn, TOut>[] branches) =>
        FanOutIn("broadcast", branches, (stage, input, outputs) => new BroadcastStage<TIn>(stage, input, outputs, eagerCancel: false).RunAsync);

    /// <summary>Spreads elements over <paramref name="workers"/> copies of <paramref name="worker"/> (first free takes) and merges their outputs.</summary>
    public static Flow<TIn, TOut> Balance<TIn, TOut>(int workers, Flow<TIn, TOut> worker)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentNullException.ThrowIfNull(worker);
        return FanOutIn("balance", Enumerable.Repeat(worker, workers).ToArray(), (stage, input, outputs) => new BalanceStage<TIn>(stage, input, outputs).RunAsync);
    }

    /// <summary>
    /// Spreads elements over distinct workers (first free takes) and merges their outputs; e.g. one worker
    /// per device, each pinned to its own endpoint.
    /// </summary>
    public static Flow<TIn, TOut> Balance<TIn, TOut>(params Flow<TIn, TOut>[] workers) =>
        FanOutIn("balance", workers, (stage, input, outputs) => new BalanceStage<TIn>(stage, input, outputs).RunAsync);

    internal static Flow<TIn, TOut> Linear<TIn, TOut>(string kind, Func<StageContext, Edge<TIn>, Edge<TOut>, Func<Task>> create) =>
        new((input, context, attributes) =>
        {
            var stage = context.CreateStage(kind, attributes);
            var output = stage.CreateOutput<TOut>();
            context.Start(stage, create(stage, input, output));
            return output;
        });

    private static Flow<T, T> SideOutput<T, TMat>(Sink<T, TMat> side, Func<T, bool> predicate, bool alsoMain, string kind)
    {
        ArgumentNullException.ThrowIfNull(side);
        ArgumentNullException.ThrowIfNull(predicate);
        return new Flow<T, T>((input, context, attributes) =>
        {
            var stage = context.CreateStage(kind, attributes);
            var output = stage.CreateOutput<T>();
            var sideEdge = new Edge<T>(stage.Name + "/side", stage.BufferSize);
            _ = side.Build(sideEdge, context, attributes.ForInner());
            context.Start(stage, new SideOutputStage<T>(stage, input, output, sideEdge, predicate, alsoMain).RunAsync);
            return output;
        });
    }

    private static Flow<TIn, TOut> FanOutIn<TIn, TOut>(string kind, Flow<TIn, TOut>[] branches, Func<StageContext, Edge<TIn>, Edge<TIn>[], Func<Task>> create)
    {
        ArgumentNullException.ThrowIfNull(branches);
        ArgumentOutOfRangeException.ThrowIfLessThan(branches.Length, 1);
        return new Flow<TIn, TOut>((input, context, attributes) =>
        {
            var stage = context.CreateStage(kind, attributes);
            var outputs = branches.Select((_, i) => new Edge<TIn>($"{stage.Name}[{i}]", stage.BufferSize)).ToArray();
            context.Start(stage, create(stage, input, outputs));
            var inner = attributes.ForInner();
            var results = branches.Select((branch, i) => branch.Build(outputs[i], context, inner)).ToArray();
            return FanIn.Merge(context, attributes, results, eagerComplete: false);
        });
    }
}
