using Actors.Cluster;
using Actors.Hocon;

namespace Actors.Cli.Commands;

/// <summary>The cluster store's connection for <c>feed</c> and <c>node start</c>: --store, else the config file, else ACTORS_STORE.</summary>
internal static class ClusterStoreConnection
{
    public static string? Resolve(string? option, string? configFile) =>
        option ?? ConfiguredPostgres(configFile) ?? Environment.GetEnvironmentVariable("ACTORS_STORE");

    /// <summary>The store connection of a config file whose actors.store is postgres (ACTORS_STORE substituted), else null.</summary>
    private static string? ConfiguredPostgres(string? configFile)
    {
        try
        {
            var settings = HoconConfig.Load(configFile is null ? null : Path.GetFullPath(configFile)).Bind<StoreSettings>("actors.store");
            return settings.Kind == StoreKind.Postgres ? settings.Connection : null;
        }
        catch (ConfigurationException)
        {
            // Reported with file:line when the command loads the file properly.
            return null;
        }
    }
}
