using Actors.Inference.Routing;

namespace Actors.Inference.Devices;

/// <summary>What a device actor reports to its router. Called from the actor and from its backend calls; thread-safe.</summary>
internal interface IDeviceOwner
{
    /// <summary>The backend answered (or failed) dispatch <paramref name="dispatch"/> of <paramref name="request"/>.</summary>
    void OnResult(PendingRequest request, int dispatch, BackendResult result, DeviceHandle device);

    /// <summary>The device went out of service (or is stopping) and returns these requests unanswered.</summary>
    void HandBack(DeviceHandle device, IReadOnlyList<QueuedRequest> requests, FailureKind kind, string reason);

    /// <summary>The device changed state: requests waiting for a device are dispatched again.</summary>
    void OnDeviceStateChanged(DeviceHandle device);

    /// <summary>A line for the log.</summary>
    void Log(string line);
}
