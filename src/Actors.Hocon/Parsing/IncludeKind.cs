namespace Actors.Hocon.Parsing;

internal enum IncludeKind
{
    /// <summary><c>include "name"</c>: a URL when it looks like one, otherwise a file next to the including file.</summary>
    Heuristic,
    File,
    Url,
    Classpath,
}
