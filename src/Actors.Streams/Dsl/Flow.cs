using Actors.Streams.Runtime;
using Actors.Streams.Supervision;

namespace Actors.Streams.Dsl;

/// <summary>
/// A blueprint of a processing step with one input and one output. Immutable and reusable. Operators
/// are extension methods in <see cref="FlowOperations"/>; factories are on the static <see cref="Flow"/> class.
/// </summary>
public sealed class Flow<TIn, TOut>
{
    private readonly Func<Edge<TIn>, MaterializationContext, StageAttributes, Edge<TOut>> _build;
    private readonly StageAttributes _attributes;

    // Set on flows made by Via: attributes then apply to the last operator (see Source).
    private readonly Func<Func<StageAttributes, StageAttributes>, Flow<TIn, TOut>>? _onLast;

    internal Flow(Func<Edge<TIn>, MaterializationContext, StageAttributes, Edge<TOut>> build, StageAttributes? attributes = null,
        Func<Func<StageAttributes, StageAttributes>, Flow<TIn, TOut>>? onLast = null)
    {
        _build = build;
        _attributes = attributes ?? StageAttributes.None;
        _onLast = onLast;
    }

    /// <summary>Attaches another flow after this one.</summary>
    public Flow<TIn, TNext> Via<TNext>(Flow<TOut, TNext> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return new Flow<TIn, TNext>((input, context, attributes) =>
        {
            var inner = attributes.ForInner();
            return next.Build(Build(input, context, inner), context, inner);
        }, onLast: change => Via(next.WithAttributes(change)));
    }

    /// <summary>Attaches a sink; the result is a sink of this flow's input.</summary>
    public Sink<TIn, TMat> To<TMat>(Sink<TOut, TMat> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return new Sink<TIn, TMat>((input, context, attributes) =>
        {
            var inner = attributes.ForInner();
            return sink.Build(Build(input, context, inner), context, inner);
        });
    }

    /// <summary>
    /// Names the last operator in metrics, logs and dead letters (a composite operator's name prefixes
    /// the names of its stages).
    /// </summary>
    public Flow<TIn, TOut> Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return WithAttributes(a => a with { Name = name });
    }

    /// <summary>Sets the supervision decider of the last operator (inherited by the stages inside a composite).</summary>
    public Flow<TIn, TOut> WithSupervision(Decider decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        return WithAttributes(a => a with { Decider = decider });
    }

    /// <summary>Sets the capacity of the edge the last operator writes into.</summary>
    public Flow<TIn, TOut> WithBufferSize(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return WithAttributes(a => a with { BufferSize = size });
    }

    internal Flow<TIn, TOut> WithAttributes(Func<StageAttributes, StageAttributes> change) =>
        _onLast is not null ? _onLast(change) : new Flow<TIn, TOut>(_build, change(_attributes));

    internal Edge<TOut> Build(Edge<TIn> input, MaterializationContext context, StageAttributes outer) =>
        _build(input, context, _attributes.Over(outer));
}
