namespace Actors.Inference;

/// <summary>
/// The <c>actors.inference</c> section: devices, timeouts, retries. Bind it with
/// <c>HoconConfig.Load(file).Bind&lt;InferenceSettings&gt;("actors.inference")</c>; the defaults here equal
/// hocon/reference.conf. With no device configured the router runs one device named "offline" with the
/// <see cref="DefaultBackend"/> (offline unless set to openai, which then means one device with the template's
/// endpoint).
/// </summary>
public sealed record InferenceSettings
{
    /// <summary>Name of the implicit device used when <see cref="Devices"/> is empty and the default backend is offline.</summary>
    public const string OfflineDeviceName = "offline";

    /// <summary>Name of the device <see cref="SingleOpenAiDevice"/> and an empty openai configuration create.</summary>
    public const string SingleDeviceName = "default";

    /// <summary>Backend used when no device is configured. Default offline.</summary>
    public BackendKind DefaultBackend { get; init; } = BackendKind.Offline;

    /// <summary>Environment variable holding the API key sent to openai devices. Default OPENAI_API_KEY.</summary>
    public string ApiKeyEnv { get; init; } = "OPENAI_API_KEY";

    /// <summary>Time allowed to open a connection. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for one HTTP call (a whole batch). Default 2 minutes.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Time between health checks of a healthy device. Default 10 s.</summary>
    public TimeSpan HealthCheckInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time one health check may take before it counts as failed. Default 5 s.</summary>
    public TimeSpan HealthCheckTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Consecutive calls failing with a refused or reset connection after which a device is taken out of service
    /// (its requests go to other devices) until a health check passes. Default 3.
    /// </summary>
    public int UnhealthyAfterConnectionErrors { get; init; } = 3;

    /// <summary>Time a launched server gets to become healthy; requests wait this long for a starting device. Default 10 minutes.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Time a launched server gets to exit after SIGTERM before it is killed. Default 10 s.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of failed requests.</summary>
    public RetrySettings Retry { get; init; } = new();

    /// <summary>Backoff between restarts of a device (relaunching its server, re-admitting its endpoint). Default 1 s to 1 minute.</summary>
    public DeviceRestartSettings Restart { get; init; } = new();

    /// <summary>Devices by name. Default none.</summary>
    public IReadOnlyDictionary<string, DeviceSettings> Devices { get; init; } = new Dictionary<string, DeviceSettings>(StringComparer.Ordinal);

    /// <summary>
    /// Settings for one OpenAI-compatible device (the <c>--endpoint URL --model NAME</c> command-line form), with every
    /// other value at its default; the API key comes from OPENAI_API_KEY when set.
    /// </summary>
    /// <param name="endpoint">The server's base URL; /v1 is appended when the URL has no path.</param>
    /// <param name="model">The model name.</param>
    /// <returns>The settings.</returns>
    public static InferenceSettings SingleOpenAiDevice(Uri endpoint, string model) => new InferenceSettings().WithSingleOpenAiDevice(endpoint, model);

    /// <summary>These settings (timeouts, retries) with their devices replaced by one OpenAI-compatible device.</summary>
    /// <param name="endpoint">The server's base URL; /v1 is appended when the URL has no path.</param>
    /// <param name="model">The model name.</param>
    /// <returns>The settings.</returns>
    public InferenceSettings WithSingleOpenAiDevice(Uri endpoint, string model)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(model);
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"--endpoint must be an http(s) URL such as http://127.0.0.1:8000/v1 (got {endpoint}).", nameof(endpoint));
        }

        var template = Devices.Count > 0 ? Devices.Values.First() : new DeviceSettings();
        var device = template with { Backend = BackendKind.OpenAI, Endpoint = NormalizeEndpoint(endpoint), Model = model, Launch = null, Gpu = null };
        return this with
        {
            DefaultBackend = BackendKind.OpenAI,
            Devices = new Dictionary<string, DeviceSettings>(StringComparer.Ordinal) { [SingleDeviceName] = device },
        };
    }

    /// <summary>The devices the router runs: <see cref="Devices"/>, or the implicit one when none is configured.</summary>
    /// <returns>Device names with their settings, in configuration order.</returns>
    public IReadOnlyList<KeyValuePair<string, DeviceSettings>> EffectiveDevices()
    {
        if (Devices.Count > 0)
        {
            return [.. Devices];
        }

        return DefaultBackend == BackendKind.Offline
            ? [new(OfflineDeviceName, new DeviceSettings { Backend = BackendKind.Offline, Endpoint = new Uri("offline:heuristics"), Model = "" })]
            : [new(SingleDeviceName, new DeviceSettings())];
    }

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (Retry.MaxAttempts < 1)
        {
            throw new ArgumentException($"actors.inference.retry.max-attempts must be at least 1 (got {Retry.MaxAttempts}).");
        }

        if (RequestTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero || HealthCheckInterval <= TimeSpan.Zero || HealthCheckTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("actors.inference: connect-timeout, request-timeout, health-check-interval and health-check-timeout must be positive.");
        }

        if (UnhealthyAfterConnectionErrors < 1)
        {
            throw new ArgumentException("actors.inference.unhealthy-after-connection-errors must be at least 1.");
        }

        foreach (var (name, device) in EffectiveDevices())
        {
            device.Validate(name);
        }
    }

    /// <inheritdoc />
    public bool Equals(InferenceSettings? other) =>
        other is not null
        && DefaultBackend == other.DefaultBackend && ApiKeyEnv == other.ApiKeyEnv
        && ConnectTimeout == other.ConnectTimeout && RequestTimeout == other.RequestTimeout
        && HealthCheckInterval == other.HealthCheckInterval && HealthCheckTimeout == other.HealthCheckTimeout
        && UnhealthyAfterConnectionErrors == other.UnhealthyAfterConnectionErrors
        && StartupTimeout == other.StartupTimeout && StopTimeout == other.StopTimeout
        && Retry == other.Retry && Restart == other.Restart
        && Devices.Count == other.Devices.Count
        && Devices.All(d => other.Devices.TryGetValue(d.Key, out var o) && o == d.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DefaultBackend, ApiKeyEnv, RequestTimeout, Retry, Restart, Devices.Count);

    private static Uri NormalizeEndpoint(Uri endpoint) =>
        endpoint.AbsolutePath is "" or "/" ? new Uri(endpoint, "/v1") : endpoint;
}
