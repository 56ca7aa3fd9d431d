namespace Actors.Streams.Actors;

/// <summary>Settings of an <see cref="EntityRegion{TKey, TMessage}"/>.</summary>
public sealed record EntityRegionOptions
{
    /// <summary>Settings of each entity actor.</summary>
    public ActorOptions Actor { get; init; } = new();

    /// <summary>
    /// An entity with an empty mailbox and nothing to do for this long is stopped; its next message starts
    /// a new one. Default 2 minutes (<c>actors.streams.actor.passivate-after</c>).
    /// </summary>
    public TimeSpan PassivateAfter { get; init; } = TimeSpan.FromMinutes(2);
}
