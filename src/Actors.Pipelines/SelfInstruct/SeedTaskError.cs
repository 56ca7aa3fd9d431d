namespace Actors.Pipelines.SelfInstruct;

/// <summary>A malformed line of a seed file.</summary>
/// <param name="Path">The file (or source name) read.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Message">What is wrong and what to do about it.</param>
public sealed record SeedTaskError(string Path, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}:{Line}: {Message}";
}
