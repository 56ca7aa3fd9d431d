namespace Actors.Hocon.Syntax;

/// <summary>A value concatenation that holds at least one substitution, so it can only be folded at resolution.</summary>
internal sealed class HoconConcatenation : HoconNode
{
    public HoconConcatenation(IReadOnlyList<HoconNode> parts, ConfigOrigin origin)
        : base(origin)
    {
        Parts = parts;
    }

    /// <summary>The parts in order, including <see cref="ScalarKind.Whitespace"/> scalars between simple values.</summary>
    public IReadOnlyList<HoconNode> Parts { get; }

    public override bool IsUnresolved => true;
}
