using Actors.Streams.Supervision;

namespace Actors.Streams.Dsl;

/// <summary>
/// Settings of one graph run. Defaults match <c>actors.streams</c> in hocon/reference.conf.
/// </summary>
public sealed record RunOptions
{
    /// <summary>The graph's name; tags every metric of its stages. Default "graph".</summary>
    public string Name { get; init; } = "graph";

    /// <summary>Capacity of each edge between stages unless a stage sets its own. Default 16.</summary>
    public int DefaultBufferSize { get; init; } = 16;

    /// <summary>Supervision for stages that set none. Default: stop on every exception.</summary>
    public Decider Decider { get; init; } = Deciders.Stopping;

    /// <summary>The clock for timers (GroupedWithin, Throttle, backoff). Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Receives every element a stage drops, with the reason. Called from stage loops: keep it quick and
    /// thread-safe. Drops are counted in metrics whether or not this is set.
    /// </summary>
    public Action<DeadLetter>? DeadLetters { get; init; }
}
