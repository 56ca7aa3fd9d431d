namespace Actors.Hocon.Syntax;

internal enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,

    /// <summary>Whitespace between the parts of a value concatenation; never survives resolution.</summary>
    Whitespace,
}
