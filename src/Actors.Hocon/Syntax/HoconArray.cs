namespace Actors.Hocon.Syntax;

internal sealed class HoconArray : HoconNode
{
    public HoconArray(ConfigOrigin origin, IEnumerable<HoconNode>? items = null)
        : base(origin)
    {
        Items = items is null ? [] : [.. items];
    }

    public List<HoconNode> Items { get; }
}
