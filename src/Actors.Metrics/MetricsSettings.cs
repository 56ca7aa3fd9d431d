namespace Actors.Metrics;

/// <summary>
/// The <c>actors.metrics</c> section of the configuration: the Prometheus endpoint of a process, the
/// snapshot interval and how often progress lines are written. The defaults equal hocon/reference.conf
/// (a test binds one to the other).
/// </summary>
public sealed record MetricsSettings
{
    /// <summary>Whether the process serves <c>/metrics</c>. Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>IP address (or <c>localhost</c>) the endpoint listens on. Default <c>127.0.0.1</c>.</summary>
    public string Bind { get; init; } = "127.0.0.1";

    /// <summary>TCP port of the endpoint; 0 picks a free one. Default 9464.</summary>
    public int Port { get; init; } = 9464;

    /// <summary>Whether a <see cref="Bind"/> address that is not loopback is accepted. Default false.</summary>
    public bool AllowRemote { get; init; }

    /// <summary>How often a run writes <c>metrics.json</c> and a node writes its snapshot to the store. Default 5 s.</summary>
    public TimeSpan SnapshotInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often <c>actors run</c> writes a progress line when its output is not a terminal. Default 10 s.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);
}
