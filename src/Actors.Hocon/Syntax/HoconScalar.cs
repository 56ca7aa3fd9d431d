namespace Actors.Hocon.Syntax;

/// <summary>A string, number, boolean or null. Numbers keep the text they were written with.</summary>
internal sealed class HoconScalar : HoconNode
{
    public HoconScalar(ScalarKind kind, string text, ConfigOrigin origin)
        : base(origin)
    {
        Kind = kind;
        Text = text;
    }

    public ScalarKind Kind { get; }

    public string Text { get; }

    public HoconScalar WithOrigin(ConfigOrigin origin) => new(Kind, Text, origin);

    public static HoconScalar Null(ConfigOrigin origin) => new(ScalarKind.Null, "null", origin);
}
