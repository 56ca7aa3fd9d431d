using Actors.Hocon;

namespace Actors.Cluster.Tests;

/// <summary>The settings records' defaults and hocon/reference.conf say the same thing.</summary>
public sealed class SettingsTests
{
    private static readonly HoconConfig Reference = HoconConfig.Load(null);

    [Fact]
    public void StoreSection_BindsToTheStoreSettingsDefaults()
    {
        if (Environment.GetEnvironmentVariable("ACTORS_STORE") is not null)
        {
            return; // the reference lets ACTORS_STORE override the connection; the defaults then differ on purpose
        }

        Assert.Equal(new StoreSettings(), Reference.Bind<StoreSettings>("actors.store"));
    }

    [Fact]
    public void ClusterSection_BindsToTheClusterSettingsDefaults() =>
        Assert.Equal(new ClusterSettings(), Reference.Bind<ClusterSettings>("actors.cluster"));

    [Fact]
    public void UserFile_OverridesFlowIntoTheRecords()
    {
        var directory = Directory.CreateTempSubdirectory("actors-cluster-settings");
        try
        {
            var file = Path.Combine(directory.FullName, "cluster.conf");
            File.WriteAllText(file, """
                actors.store { kind = postgres, connection = "Host=db;Database=actors", retry-deadline = 2 minutes }
                actors.cluster { node-name = gpu-box-1, roles = [worker, gate], lease-ttl = 10s, max-shards = 8 }
                """);
            var config = HoconConfig.Load(file);

            var store = config.Bind<StoreSettings>("actors.store");
            var cluster = config.Bind<ClusterSettings>("actors.cluster");

            Assert.Equal(StoreKind.Postgres, store.Kind);
            Assert.Equal("Host=db;Database=actors", store.Connection);
            Assert.Equal(TimeSpan.FromMinutes(2), store.RetryDeadline);
            Assert.Equal(TimeSpan.FromSeconds(10), store.BusyTimeout);
            Assert.Equal(new NodeId("gpu-box-1"), cluster.ResolveNodeId());
            Assert.Equal(["worker", "gate"], cluster.Roles);
            Assert.Equal(TimeSpan.FromSeconds(10), cluster.LeaseTtl);
            Assert.Equal(TimeSpan.FromSeconds(20), cluster.NodeTimeout);
            Assert.Equal(8, cluster.MaxShards);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void EmptyNodeName_ResolvesToTheHostName() =>
        Assert.Equal(new NodeId(Environment.MachineName), new ClusterSettings().ResolveNodeId());
}
