using Actors.Streams.Supervision;

namespace Actors.Streams.Dsl;

/// <summary>
/// The <c>actors.streams</c> section of the configuration: defaults for every graph and actor a node
/// runs. The defaults here equal those in hocon/reference.conf (a test binds one to the other).
/// </summary>
public sealed record StreamSettings
{
    /// <summary>Elements buffered on each edge between stages. Default 16.</summary>
    public int DefaultBufferSize { get; init; } = 16;

    /// <summary>Backoff for restarting stages and actors.</summary>
    public RestartSettings Restart { get; init; } = new();

    /// <summary>Actor and entity settings.</summary>
    public ActorSettings Actor { get; init; } = new();

    /// <summary>Run options for a graph named <paramref name="name"/> with these defaults.</summary>
    public RunOptions ToRunOptions(string name) => new() { Name = name, DefaultBufferSize = DefaultBufferSize };
}
