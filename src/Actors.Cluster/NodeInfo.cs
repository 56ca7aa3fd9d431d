namespace Actors.Cluster;

/// <summary>A cluster member as stored.</summary>
/// <param name="Id">The node id.</param>
/// <param name="Roles">Roles it registered with (worker, feeder, gate...).</param>
/// <param name="DevicesJson">Its devices as JSON text.</param>
/// <param name="Status">Alive, dead or left, judged by the store's clock.</param>
/// <param name="RegisteredAt">When it (last) registered.</param>
/// <param name="LastHeartbeat">Its last heartbeat.</param>
public sealed record NodeInfo(
    NodeId Id,
    IReadOnlyList<string> Roles,
    string DevicesJson,
    NodeStatus Status,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastHeartbeat);
