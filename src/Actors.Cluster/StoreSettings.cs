namespace Actors.Cluster;

/// <summary>
/// The <c>actors.store</c> section of the configuration. The defaults equal those in hocon/reference.conf
/// (a test binds one to the other).
/// </summary>
public sealed record StoreSettings
{
    /// <summary>Which database; default <see cref="StoreKind.Sqlite"/> (<c>kind = sqlite</c>).</summary>
    public StoreKind Kind { get; init; } = StoreKind.Sqlite;

    /// <summary>
    /// For SQLite a file path (relative paths are resolved against the directory given to
    /// <see cref="RunStoreFactory.OpenAsync"/>, normally the run's output directory); for PostgreSQL an Npgsql
    /// connection string, whose <c>Search Path</c> picks (and creates) the schema. Default <c>actors.db</c>.
    /// </summary>
    public string Connection { get; init; } = "actors.db";

    /// <summary>
    /// How long one store operation keeps retrying transient failures (PostgreSQL restarting, a reset connection,
    /// SQLite locked) before failing with <see cref="StoreUnavailableException"/>. Default 60 s (<c>retry-deadline</c>).
    /// </summary>
    public TimeSpan RetryDeadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>SQLite only: how long a write waits for another process's write lock. Default 10 s (<c>busy-timeout</c>).</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
