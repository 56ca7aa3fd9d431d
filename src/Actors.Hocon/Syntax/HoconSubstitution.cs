namespace Actors.Hocon.Syntax;

/// <summary><c>${path}</c> or <c>${?path}</c>.</summary>
internal sealed class HoconSubstitution : HoconNode
{
    /// <param name="path">The path as written.</param>
    /// <param name="optional">True for <c>${?path}</c>.</param>
    /// <param name="includePrefix">
    /// For substitutions written in an included file: the path of the object holding the include statement.
    /// The lookup tries that prefix first, then the path as written (the spec's "fix up").
    /// </param>
    /// <param name="origin">Where the substitution was written.</param>
    public HoconSubstitution(IReadOnlyList<string> path, bool optional, IReadOnlyList<string> includePrefix, ConfigOrigin origin)
        : base(origin)
    {
        Path = path;
        Optional = optional;
        IncludePrefix = includePrefix;
    }

    public IReadOnlyList<string> Path { get; }

    public bool Optional { get; }

    public IReadOnlyList<string> IncludePrefix { get; }

    public override bool IsUnresolved => true;

    public override string ToString() => (Optional ? "${?" : "${") + ConfigPath.Format(Path) + "}";
}
