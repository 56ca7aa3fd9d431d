using Actors.Inference.Backends;
using Actors.Inference.Metrics;
using Actors.Streams.Actors;

namespace Actors.Inference.Devices;

/// <summary>
/// The router's view of one device: its backend, state and outstanding count, shared with the device's actor. The
/// actor is the only writer of <see cref="State"/>; the router reads it to pick a device.
/// </summary>
internal sealed class DeviceHandle
{
    private int _state = (int)DeviceState.Starting;
    private long _outstanding;
    private int _serverProcessId;
    private volatile Outage _lastOutage = new(FailureKind.ConnectionReset, "not yet healthy");

    public DeviceHandle(string name, DeviceSettings settings, IModelBackend backend)
    {
        Name = name;
        Settings = settings;
        Backend = backend;
        Metrics = new DeviceMetrics(name, () => Model, () => Outstanding);
    }

    public string Name { get; }

    public DeviceSettings Settings { get; }

    public IModelBackend Backend { get; }

    public bool IsOffline => Backend.IsOffline;

    public DeviceMetrics Metrics { get; }

    public ActorRef<DeviceMessage>? Actor { get; set; }

    /// <summary>The model it serves: offline-heuristics, the backend's learnt name, or the configured one.</summary>
    public string Model => IsOffline
        ? OfflineBackend.ModelName
        : Backend is OpenAiBackend { Model: { Length: > 0 } learnt } ? learnt : Settings.Model;

    public DeviceState State
    {
        get => (DeviceState)Volatile.Read(ref _state);
        set => Volatile.Write(ref _state, (int)value);
    }

    public long Outstanding => Interlocked.Read(ref _outstanding);

    public int? ServerProcessId
    {
        get => Volatile.Read(ref _serverProcessId) is var pid and > 0 ? pid : null;
        set => Volatile.Write(ref _serverProcessId, value ?? 0);
    }

    /// <summary>The last failure that took it out of service, for the reason of requests that found no device.</summary>
    /// <remarks>Kept as one reference so a reader never pairs one outage's kind with another's reason.</remarks>
    public (FailureKind Kind, string Reason) LastOutage
    {
        get
        {
            var outage = _lastOutage;
            return (outage.Kind, outage.Reason);
        }

        set => _lastOutage = new Outage(value.Kind, value.Reason);
    }

    public void AddOutstanding(long delta) => Interlocked.Add(ref _outstanding, delta);

    /// <summary>True when it may serve <paramref name="model"/>: any model for null and for offline devices.</summary>
    public bool Serves(string? model) => model is null || IsOffline || string.Equals(Model, model, StringComparison.Ordinal);

    /// <summary>True while its model is not known yet (empty in configuration, not yet learnt from the server).</summary>
    public bool ModelUnknown => !IsOffline && Model.Length == 0;

    public bool Post(DeviceMessage message) => Actor?.TryTell(message) ?? false;

    public DeviceInfo Snapshot() => new()
    {
        Name = Name,
        Backend = Backend.Name,
        IsOffline = IsOffline,
        Model = Model,
        Endpoint = Settings.Endpoint,
        Gpu = Settings.Gpu,
        State = State,
        Outstanding = Outstanding,
        Requests = Interlocked.Read(ref Metrics.Requests),
        Batches = Interlocked.Read(ref Metrics.Batches),
        TokensIn = Interlocked.Read(ref Metrics.TokensIn),
        TokensOut = Interlocked.Read(ref Metrics.TokensOut),
        Errors = Metrics.Errors,
        Restarts = Interlocked.Read(ref Metrics.Restarts),
        ServerProcessId = ServerProcessId,
    };

    private sealed record Outage(FailureKind Kind, string Reason);
}
