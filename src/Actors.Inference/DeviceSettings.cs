namespace Actors.Inference;

/// <summary>
/// One entry of <c>actors.inference.devices</c>: the endpoint an inference actor owns, and how it batches. Defaults
/// are the <c>"*"</c> template in hocon/reference.conf.
/// </summary>
public sealed record DeviceSettings
{
    /// <summary>openai or offline. Default openai.</summary>
    public BackendKind Backend { get; init; } = BackendKind.OpenAI;

    /// <summary>OpenAI-compatible base URL including /v1. Default http://127.0.0.1:8000/v1.</summary>
    public Uri Endpoint { get; init; } = new("http://127.0.0.1:8000/v1");

    /// <summary>Model name sent in requests; empty: the server's only model (learnt from GET /models). Default empty.</summary>
    public string Model { get; init; } = "";

    /// <summary>Requests combined into one HTTP call at most. Default 32.</summary>
    public int MaxBatch { get; init; } = 32;

    /// <summary>How long a partial batch waits for more requests. Default 20 ms.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>HTTP calls in flight to this device at once. Default 4.</summary>
    public int MaxInFlight { get; init; } = 4;

    /// <summary>GPU index or name exported as CUDA_VISIBLE_DEVICES to <see cref="Launch"/>; null exports none.</summary>
    public string? Gpu { get; init; }

    /// <summary>Shell command that starts this device's server; null when the server is started elsewhere.</summary>
    public string? Launch { get; init; }

    /// <summary>File receiving the launched server's stdout and stderr; null: actors-DEVICE.log in the temp folder.</summary>
    public string? LaunchLog { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    /// <param name="name">The device's name, for the message.</param>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate(string name)
    {
        if (MaxBatch < 1 || MaxInFlight < 1)
        {
            throw new ArgumentException($"device '{name}': max-batch and max-in-flight must be at least 1 (got {MaxBatch} and {MaxInFlight}).");
        }

        if (MaxWait < TimeSpan.Zero)
        {
            throw new ArgumentException($"device '{name}': max-wait must not be negative.");
        }

        if (Backend == BackendKind.OpenAI && Endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"device '{name}': endpoint must be an http(s) URL such as http://127.0.0.1:8000/v1 (got {Endpoint}).");
        }
    }
}
