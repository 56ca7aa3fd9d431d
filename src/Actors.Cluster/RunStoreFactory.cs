using Actors.Cluster.Postgres;
using Actors.Cluster.Sqlite;

namespace Actors.Cluster;

/// <summary>Opens the run store the configuration names, creating or migrating its schema first.</summary>
public static class RunStoreFactory
{
    /// <summary>Opens (and creates or migrates) the store described by <paramref name="settings"/>.</summary>
    /// <param name="settings">The <c>actors.store</c> section.</param>
    /// <param name="cluster">The <c>actors.cluster</c> section (lease TTL, node timeout); defaults when null.</param>
    /// <param name="baseDirectory">
    /// Where a relative SQLite path is resolved, normally the run's output directory; the current directory when null.
    /// </param>
    /// <param name="timeProvider">Clock for retry backoff and deadlines (never for leases: those use the database clock).</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <exception cref="StoreUnavailableException">The database stayed unreachable past <see cref="StoreSettings.RetryDeadline"/>.</exception>
    /// <exception cref="InvalidOperationException">The database has a newer schema than this build.</exception>
    /// <exception cref="ArgumentException">The settings are invalid.</exception>
    public static async Task<IRunStore> OpenAsync(
        StoreSettings settings,
        ClusterSettings? cluster = null,
        string? baseDirectory = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        cluster ??= new ClusterSettings();
        timeProvider ??= TimeProvider.System;
        Validate(settings, cluster);
        return settings.Kind switch
        {
            StoreKind.Sqlite => await SqliteRunStore.OpenAsync(ResolveSqlitePath(settings.Connection, baseDirectory), settings, cluster, timeProvider, cancellationToken).ConfigureAwait(false),
            StoreKind.Postgres => await PostgresRunStore.OpenAsync(settings.Connection, settings, cluster, timeProvider, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException($"actors.store.kind {settings.Kind} is not sqlite or postgres.", nameof(settings)),
        };
    }

    /// <summary>The absolute path of the SQLite file for <paramref name="connection"/> (a path) under <paramref name="baseDirectory"/>.</summary>
    public static string ResolveSqlitePath(string connection, string? baseDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(connection);
        if (connection.Contains('=', StringComparison.Ordinal) || connection.Equals(":memory:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"actors.store.connection for sqlite must be a file path (got \"{connection}\"); the store needs a real file for WAL and durability.",
                nameof(connection));
        }

        return Path.GetFullPath(Path.IsPathRooted(connection) ? connection : Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), connection));
    }

    private static void Validate(StoreSettings settings, ClusterSettings cluster)
    {
        ArgumentException.ThrowIfNullOrEmpty(settings.Connection, "actors.store.connection");
        if (settings.RetryDeadline < TimeSpan.Zero || settings.BusyTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException("actors.store.retry-deadline and busy-timeout must not be negative.", nameof(settings));
        }

        if (cluster.LeaseTtl <= TimeSpan.Zero || cluster.NodeTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("actors.cluster.lease-ttl and node-timeout must be positive.", nameof(cluster));
        }
    }
}
