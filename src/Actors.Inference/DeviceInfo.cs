namespace Actors.Inference;

/// <summary>A snapshot of one device: what it is, how it stands, and its counters so far.</summary>
public sealed record DeviceInfo
{
    /// <summary>The device's name (its key under actors.inference.devices, or "offline").</summary>
    public required string Name { get; init; }

    /// <summary>openai or offline (or a custom backend's name).</summary>
    public required string Backend { get; init; }

    /// <summary>True for the offline heuristics: no model is involved.</summary>
    public required bool IsOffline { get; init; }

    /// <summary>The model it serves: configured, learnt from the server, or offline-heuristics.</summary>
    public required string Model { get; init; }

    /// <summary>Its endpoint (offline:heuristics for the offline backend).</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The GPU it is pinned to, if any.</summary>
    public string? Gpu { get; init; }

    /// <summary>Its state now.</summary>
    public required DeviceState State { get; init; }

    /// <summary>Requests dispatched to it and not yet finished (queued or in an HTTP call).</summary>
    public long Outstanding { get; init; }

    /// <summary>Requests sent to its backend (each attempt counts).</summary>
    public long Requests { get; init; }

    /// <summary>Batches (backend calls) sent.</summary>
    public long Batches { get; init; }

    /// <summary>Prompt tokens sent.</summary>
    public long TokensIn { get; init; }

    /// <summary>Completion tokens received.</summary>
    public long TokensOut { get; init; }

    /// <summary>Failed attempts, all kinds together.</summary>
    public long Errors { get; init; }

    /// <summary>Restarts: relaunches of its server, and re-admissions after it was taken out of service.</summary>
    public long Restarts { get; init; }

    /// <summary>The process id of its launched server, when it has one running.</summary>
    public int? ServerProcessId { get; init; }
}
