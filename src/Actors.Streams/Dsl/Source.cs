using Actors.Streams.Runtime;
using Actors.Streams.Supervision;

namespace Actors.Streams.Dsl;

/// <summary>
/// A blueprint of a stream with one output. Immutable: every run materializes fresh stages, so a source
/// can be run any number of times. Factories are on the static <see cref="Source"/> class.
/// </summary>
public sealed class Source<T>
{
    private readonly Func<MaterializationContext, StageAttributes, Edge<T>> _build;
    private readonly StageAttributes _attributes;

    // Set on sources made by Via: rebuilds the chain with attributes changed on its last operator, so
    // `.Select(f).Named("parse")` names the Select, not everything before it.
    private readonly Func<Func<StageAttributes, StageAttributes>, Source<T>>? _onLast;

    internal Source(Func<MaterializationContext, StageAttributes, Edge<T>> build, StageAttributes? attributes = null,
        Func<Func<StageAttributes, StageAttributes>, Source<T>>? onLast = null)
    {
        _build = build;
        _attributes = attributes ?? StageAttributes.None;
        _onLast = onLast;
    }

    /// <summary>Attaches a flow; the result is a source of the flow's output.</summary>
    public Source<TOut> Via<TOut>(Flow<T, TOut> flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new Source<TOut>((context, attributes) =>
        {
            var inner = attributes.ForInner();
            return flow.Build(Build(context, inner), context, inner);
        }, onLast: change => Via(flow.WithAttributes(change)));
    }

    /// <summary>Attaches a sink; the result can be run.</summary>
    public RunnableGraph<TMat> To<TMat>(Sink<T, TMat> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return new RunnableGraph<TMat>(context => sink.Build(Build(context, StageAttributes.None), context, StageAttributes.None));
    }

    /// <summary>Attaches a sink and runs the graph.</summary>
    public RunningGraph<TMat> RunWith<TMat>(Sink<T, TMat> sink, RunOptions? options = null, CancellationToken cancellationToken = default) =>
        To(sink).Run(options, cancellationToken);

    /// <summary>
    /// Names the last operator in metrics, logs and dead letters (a composite operator's name prefixes
    /// the names of its stages).
    /// </summary>
    public Source<T> Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return WithAttributes(a => a with { Name = name });
    }

    /// <summary>Sets the supervision decider of the last operator (inherited by the stages inside a composite).</summary>
    public Source<T> WithSupervision(Decider decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        return WithAttributes(a => a with { Decider = decider });
    }

    /// <summary>Sets the capacity of the edge the last operator writes into.</summary>
    public Source<T> WithBufferSize(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return WithAttributes(a => a with { BufferSize = size });
    }

    internal Source<T> WithAttributes(Func<StageAttributes, StageAttributes> change) =>
        _onLast is not null ? _onLast(change) : new Source<T>(_build, change(_attributes));

    internal Edge<T> Build(MaterializationContext context, StageAttributes outer) => _build(context, _attributes.Over(outer));
}
