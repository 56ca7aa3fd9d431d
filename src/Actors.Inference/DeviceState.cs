namespace Actors.Inference;

/// <summary>Where a device stands.</summary>
public enum DeviceState
{
    /// <summary>Its server is starting (or restarting) and not yet healthy; requests for its model wait for it.</summary>
    Starting,

    /// <summary>Serving requests.</summary>
    Healthy,

    /// <summary>Out of service after failed health checks or connection errors; re-checked with backoff.</summary>
    Unhealthy,

    /// <summary>Stopped with the router.</summary>
    Stopped,
}
