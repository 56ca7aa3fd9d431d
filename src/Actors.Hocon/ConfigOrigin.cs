using System.Globalization;

namespace Actors.Hocon;

/// <summary>Where a configuration value was written: a source (usually a file path) and a 1-based line.</summary>
/// <param name="Source">The file path as it was given (or included), or a name such as <c>reference.conf</c>.</param>
/// <param name="Line">The 1-based line of the value in <paramref name="Source"/>.</param>
public sealed record ConfigOrigin(string Source, int Line)
{
    /// <summary>Extra provenance, such as the environment variable a value was read from; null for literal values.</summary>
    public string? Detail { get; init; }

    /// <summary>Formats the origin as <c>source:line</c>, followed by the detail in parentheses when there is one.</summary>
    public override string ToString() => Detail is null
        ? string.Create(CultureInfo.InvariantCulture, $"{Source}:{Line}")
        : string.Create(CultureInfo.InvariantCulture, $"{Source}:{Line} ({Detail})");
}
