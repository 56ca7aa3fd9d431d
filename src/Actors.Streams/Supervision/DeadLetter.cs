namespace Actors.Streams.Supervision;

/// <summary>An element a stage dropped, with where and why. Nothing is dropped without one.</summary>
/// <param name="Stage">The stage's name.</param>
/// <param name="Element">The dropped element (boxed), or null when the stage had none in hand.</param>
/// <param name="Reason">A short reason, e.g. "supervision:resume", "buffer:drop-head", "partition:closed".</param>
/// <param name="Exception">The exception that caused the drop, if any.</param>
public sealed record DeadLetter(string Stage, object? Element, string Reason, Exception? Exception);
