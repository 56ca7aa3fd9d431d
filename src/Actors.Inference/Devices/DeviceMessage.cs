using Actors.Inference.Routing;

namespace Actors.Inference.Devices;

/// <summary>What a <see cref="DeviceActor"/> handles, one at a time.</summary>
internal abstract record DeviceMessage
{
    private DeviceMessage()
    {
    }

    /// <summary>First message: launch the server or check the endpoint.</summary>
    public sealed record Start : DeviceMessage;

    /// <summary>A request the router dispatched here.</summary>
    public sealed record Enqueue(PendingRequest Request, int Dispatch) : DeviceMessage;

    /// <summary>The oldest queued request has waited max-wait: send what there is.</summary>
    public sealed record Flush : DeviceMessage;

    /// <summary>A backend call ended (its results already went to the router).</summary>
    public sealed record BatchDone(long BatchId, bool Cancelled, bool OnlyConnectionErrors, bool AnySuccess) : DeviceMessage;

    /// <summary>Time for a health check (periodic when healthy, with backoff when not).</summary>
    public sealed record HealthTick(int Epoch) : DeviceMessage;

    /// <summary>A health check ended.</summary>
    public sealed record HealthChecked(int Epoch, bool Healthy) : DeviceMessage;

    /// <summary>The launched server process exited.</summary>
    public sealed record ServerExited(int Incarnation, int ExitCode) : DeviceMessage;

    /// <summary>The restart backoff has passed: launch the server again.</summary>
    public sealed record Relaunch(int Incarnation) : DeviceMessage;

    /// <summary>The router is shutting down: hand everything back and stop.</summary>
    public sealed record Shutdown : DeviceMessage;
}
