using System.Globalization;

namespace Actors.Cluster;

/// <summary>
/// Lease names. Shard leases embed the run id's length so that no (run, shard) pair can collide with another
/// (<c>a/b</c> + <c>c</c> versus <c>a</c> + <c>b/c</c>); singletons have their own prefix.
/// </summary>
internal static class LeaseNames
{
    public const string ShardPrefix = "shard:";
    public const string SingletonPrefix = "singleton:";

    public static string ForShard(RunId run, ShardId shard) =>
        string.Create(CultureInfo.InvariantCulture, $"{ShardPrefix}{run.Value.Length}:{run.Value}/{shard.Value}");

    public static string ForSingleton(string name) => SingletonPrefix + name;
}
