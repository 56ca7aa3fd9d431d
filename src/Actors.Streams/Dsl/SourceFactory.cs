using System.Threading.Channels;
using Actors.Streams.Runtime;
using Actors.Streams.Stages;

namespace Actors.Streams.Dsl;

/// <summary>Factories of sources.</summary>
public static class Source
{
    /// <summary>Emits the elements of a sequence, pulled lazily as downstream asks.</summary>
    public static Source<T> From<T>(IEnumerable<T> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        return Create<T>("from", (stage, output) => new EnumerableSource<T>(stage, output, elements).RunAsync());
    }

    /// <summary>Emits the elements of an async sequence; the run's cancellation reaches it.</summary>
    public static Source<T> FromAsyncEnumerable<T>(Func<CancellationToken, IAsyncEnumerable<T>> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        return Create<T>("fromAsync", (stage, output) => new AsyncEnumerableSource<T>(stage, output, elements).RunAsync());
    }

    /// <summary>Emits what is written to the channel until its writer completes it.</summary>
    public static Source<T> FromChannel<T>(ChannelReader<T> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Create<T>("fromChannel", (stage, output) => new ChannelSource<T>(stage, output, reader).RunAsync());
    }

    /// <summary>Emits <paramref name="count"/> integers from <paramref name="start"/>.</summary>
    public static Source<int> Range(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)start + count - 1, int.MaxValue, nameof(count));
        return Create<int>("range", (stage, output) => new RangeSource(stage, output, start, count).RunAsync());
    }

    /// <summary>Emits one element.</summary>
    public static Source<T> Single<T>(T element) => From([element]);

    /// <summary>Completes at once.</summary>
    public static Source<T> Empty<T>() => From(Array.Empty<T>());

    /// <summary>Fails at once with <paramref name="error"/>.</summary>
    public static Source<T> Failed<T>(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return FromAsyncEnumerable<T>(_ => Fail<T>(error));
    }

    /// <summary>Merges several sources fairly; completes when all have completed.</summary>
    public static Source<T> Merge<T>(params Source<T>[] sources) => Merge(false, sources);

    /// <summary>Merges several sources fairly; with <paramref name="eagerComplete"/>, completes when any completes.</summary>
    public static Source<T> Merge<T>(bool eagerComplete, params Source<T>[] sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfLessThan(sources.Length, 1);
        return new Source<T>((context, attributes) =>
        {
            var inner = attributes.ForInner();
            var inputs = sources.Select(s => s.Build(context, inner)).ToArray();
            return FanIn.Merge(context, attributes, inputs, eagerComplete);
        });
    }

    internal static Source<T> Create<T>(string kind, Func<StageContext, Edge<T>, Task> run) =>
        new((context, attributes) =>
        {
            var stage = context.CreateStage(kind, attributes);
            var output = stage.CreateOutput<T>();
            context.Start(stage, () => run(stage, output));
            return output;
        });

#pragma warning disable CS1998 // An async iterator that only throws.
    private static async IAsyncEnumerable<T> Fail<T>(Exception error)
    {
        throw error;
#pragma warning disable CS0162 // Unreachable: the yield makes this an iterator.
        yield break;
#pragma warning restore CS0162
    }
#pragma warning restore CS1998
}
