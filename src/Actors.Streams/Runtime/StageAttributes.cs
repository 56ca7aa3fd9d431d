using Actors.Streams.Supervision;

namespace Actors.Streams.Runtime;

/// <summary>
/// Per-stage settings. Decider and buffer size fall back to the enclosing composite's attributes, then to
/// the run's <see cref="Dsl.RunOptions"/>: the innermost setting wins, as in Akka Streams. A name names one
/// stage; a name given to a composite becomes a prefix of its stages' names.
/// </summary>
internal sealed record StageAttributes(string? Name = null, Decider? Decider = null, int? BufferSize = null, string? Prefix = null)
{
    public static StageAttributes None { get; } = new();

    /// <summary>This blueprint's own settings over the enclosing ones.</summary>
    public StageAttributes Over(StageAttributes outer) =>
        ReferenceEquals(outer, None)
            ? this
            : new StageAttributes(Name, Decider ?? outer.Decider, BufferSize ?? outer.BufferSize, outer.Prefix);

    /// <summary>What a composite passes to the stages inside it.</summary>
    public StageAttributes ForInner() =>
        Name is null ? this with { Name = null } : new StageAttributes(null, Decider, BufferSize, Prefix is null ? Name : $"{Prefix}/{Name}");

    public string StageName(string generated)
    {
        var own = Name ?? generated;
        return Prefix is null ? own : $"{Prefix}/{own}";
    }
}
