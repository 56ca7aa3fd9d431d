namespace Actors.Hocon.Syntax;

/// <summary>
/// Successive values of one field where at least one is unresolved, oldest first. Kept as a stack because
/// a self-referential value (<c>a = ${a} [1]</c>) must see only the layers below it.
/// </summary>
internal sealed class HoconMergeStack : HoconNode
{
    public HoconMergeStack(IReadOnlyList<HoconNode> layers, ConfigOrigin origin)
        : base(origin)
    {
        Layers = layers;
    }

    public IReadOnlyList<HoconNode> Layers { get; }

    public override bool IsUnresolved => true;
}
