using System.Threading.Channels;
using Actors.Streams.Dsl;

namespace Actors.Bench.Scenarios;

/// <summary>
/// Engine overhead: elements per second through Actors.Streams graphs against hand-chained bounded
/// channels doing the same work with the same edge capacity, in the same process.
/// </summary>
internal static class StreamsScenario
{
    private const int Capacity = 16;

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(long elements, int repeats)
    {
        var n = checked((int)elements);
        var linear = await Measure.MedianRatesAsync(elements, repeats, () => LinearGraphAsync(n), () => LinearRawAsync(n)).ConfigureAwait(false);
        var fan = await Measure.MedianRatesAsync(elements, repeats, () => PartitionMergeGraphAsync(n), () => PartitionMergeRawAsync(n)).ConfigureAwait(false);
        return
        [
            new("streams", "linear_5_stage_elements_per_s", linear.Value, linear.Baseline, "elements/s"),
            new("streams", "partition_merge_elements_per_s", fan.Value, fan.Baseline, "elements/s"),
        ];
    }

    // The work: source -> +1 -> drop multiples of 3 -> *2 -> sum.
    private static Task<long> LinearGraphAsync(int n)
    {
        var run = Source.Range(0, n)
            .Select(x => (long)x + 1)
            .Where(x => x % 3 != 0)
            .Select(x => x * 2)
            .RunWith(Sink.Aggregate<long, long>(0, static (sum, x) => sum + x), new RunOptions { DefaultBufferSize = Capacity });
        return run.Materialized;
    }

    private static async Task<long> LinearRawAsync(int n)
    {
        var a = Bounded<long>();
        var b = Bounded<long>();
        var c = Bounded<long>();
        var source = Task.Run(async () =>
        {
            for (var i = 0; i < n; i++)
            {
                if (!a.Writer.TryWrite(i))
                {
                    await a.Writer.WriteAsync(i).ConfigureAwait(false);
                }
            }

            a.Writer.Complete();
        });
        var plusOne = Pipe(a, b, static (x, w) => w.TryWrite(x + 1) ? default : w.WriteAsync(x + 1));
        var filterAndDouble = Task.Run(async () =>
        {
            var d = Bounded<long>();
            var filter = Pipe(b, d, static (x, w) => x % 3 == 0 || w.TryWrite(x) ? default : w.WriteAsync(x));
            var doubler = Pipe(d, c, static (x, w) => w.TryWrite(x * 2) ? default : w.WriteAsync(x * 2));
            await Task.WhenAll(filter, doubler).ConfigureAwait(false);
        });
        var sink = Task.Run(async () =>
        {
            long sum = 0;
            while (await c.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (c.Reader.TryRead(out var x))
                {
                    sum += x;
                }
            }

            return sum;
        });
        await Task.WhenAll(source, plusOne, filterAndDouble).ConfigureAwait(false);
        return await sink.ConfigureAwait(false);
    }

    // The work: source -> partition by x % 3 into three branches (+1, *2, -x) -> merge -> sum.
    private static Task<long> PartitionMergeGraphAsync(int n)
    {
        var run = Source.From(Longs(n))
            .Via(Flow.Partition<long, long>(static x => (int)(x % 3),
                Flow.Select<long, long>(static x => x + 1),
                Flow.Select<long, long>(static x => x * 2),
                Flow.Select<long, long>(static x => -x)))
            .RunWith(Sink.Aggregate<long, long>(0, static (sum, x) => sum + x), new RunOptions { DefaultBufferSize = Capacity });
        return run.Materialized;
    }

    private static async Task<long> PartitionMergeRawAsync(int n)
    {
        var input = Bounded<long>();
        var branches = new[] { Bounded<long>(), Bounded<long>(), Bounded<long>() };
        var branchOut = new[] { Bounded<long>(), Bounded<long>(), Bounded<long>() };
        var merged = Channel.CreateBounded<long>(new BoundedChannelOptions(Capacity) { SingleReader = true });
        var source = Task.Run(async () =>
        {
            for (var i = 0; i < n; i++)
            {
                if (!input.Writer.TryWrite(i))
                {
                    await input.Writer.WriteAsync(i).ConfigureAwait(false);
                }
            }

            input.Writer.Complete();
        });
        var partition = Task.Run(async () =>
        {
            while (await input.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (input.Reader.TryRead(out var x))
                {
                    var w = branches[(int)(x % 3)].Writer;
                    if (!w.TryWrite(x))
                    {
                        await w.WriteAsync(x).ConfigureAwait(false);
                    }
                }
            }

            foreach (var branch in branches)
            {
                branch.Writer.Complete();
            }
        });
        var work = new[]
        {
            Pipe(branches[0], branchOut[0], static (x, w) => w.TryWrite(x + 1) ? default : w.WriteAsync(x + 1)),
            Pipe(branches[1], branchOut[1], static (x, w) => w.TryWrite(x * 2) ? default : w.WriteAsync(x * 2)),
            Pipe(branches[2], branchOut[2], static (x, w) => w.TryWrite(-x) ? default : w.WriteAsync(-x)),
        };
        var pumps = branchOut.Select(b => Task.Run(async () =>
        {
            while (await b.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (b.Reader.TryRead(out var x))
                {
                    if (!merged.Writer.TryWrite(x))
                    {
                        await merged.Writer.WriteAsync(x).ConfigureAwait(false);
                    }
                }
            }
        })).ToArray();
        var mergeDone = Task.WhenAll(pumps).ContinueWith(_ => merged.Writer.Complete(), TaskScheduler.Default);
        long sum = 0;
        while (await merged.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (merged.Reader.TryRead(out var x))
            {
                sum += x;
            }
        }

        await Task.WhenAll(source, partition, Task.WhenAll(work), mergeDone).ConfigureAwait(false);
        return sum;
    }

    private static IEnumerable<long> Longs(int n)
    {
        for (long i = 0; i < n; i++)
        {
            yield return i;
        }
    }

    private static Channel<T> Bounded<T>() =>
        Channel.CreateBounded<T>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });

    private static Task Pipe(Channel<long> from, Channel<long> to, Func<long, ChannelWriter<long>, ValueTask> step) =>
        Task.Run(async () =>
        {
            while (await from.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (from.Reader.TryRead(out var x))
                {
                    await step(x, to.Writer).ConfigureAwait(false);
                }
            }

            to.Writer.Complete();
        });
}
