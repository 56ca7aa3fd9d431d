namespace Actors.Hocon.Schema;

/// <summary>What reference.conf says a setting holds, read from its default value.</summary>
internal enum SettingKind
{
    /// <summary>The default is null: anything goes.</summary>
    Any,
    Boolean,
    Integer,
    Number,
    Duration,
    Size,
    String,
    Object,
    Array,
}
