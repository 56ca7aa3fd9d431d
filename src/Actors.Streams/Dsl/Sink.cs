using Actors.Streams.Runtime;
using Actors.Streams.Supervision;

namespace Actors.Streams.Dsl;

/// <summary>
/// A blueprint of a stream's end with one input, materializing a <typeparamref name="TMat"/> when run
/// (a count, a list, a first element). Factories are on the static <see cref="Sink"/> class.
/// </summary>
public sealed class Sink<T, TMat>
{
    private readonly Func<Edge<T>, MaterializationContext, StageAttributes, Task<TMat>> _build;
    private readonly StageAttributes _attributes;

    internal Sink(Func<Edge<T>, MaterializationContext, StageAttributes, Task<TMat>> build, StageAttributes? attributes = null)
    {
        _build = build;
        _attributes = attributes ?? StageAttributes.None;
    }

    /// <summary>Names the sink (or, for a composite, prefixes its stages' names) in metrics, logs and dead letters.</summary>
    public Sink<T, TMat> Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Sink<T, TMat>(_build, _attributes with { Name = name });
    }

    /// <summary>Sets the supervision decider of the sink (or of the stages inside this composite).</summary>
    public Sink<T, TMat> WithSupervision(Decider decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        return new Sink<T, TMat>(_build, _attributes with { Decider = decider });
    }

    internal Task<TMat> Build(Edge<T> input, MaterializationContext context, StageAttributes outer) =>
        _build(input, context, _attributes.Over(outer));
}
