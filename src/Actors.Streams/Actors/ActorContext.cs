namespace Actors.Streams.Actors;

/// <summary>What an actor knows of itself while it runs.</summary>
/// <param name="Name">The actor's name (unique within its region or owner).</param>
/// <param name="Time">The clock to use for timers and timestamps.</param>
/// <param name="Incarnation">0 for the first instance, then 1, 2, ... after each restart.</param>
public sealed record ActorContext(string Name, TimeProvider Time, int Incarnation);
