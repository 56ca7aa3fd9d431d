namespace Actors.Hocon.Syntax;

/// <summary>A node of a configuration tree, parsed or resolved; every node remembers where it was written.</summary>
internal abstract class HoconNode
{
    protected HoconNode(ConfigOrigin origin)
    {
        Origin = origin;
    }

    public ConfigOrigin Origin { get; }

    /// <summary>True for nodes whose value is known only after substitutions are resolved.</summary>
    public virtual bool IsUnresolved => false;
}
