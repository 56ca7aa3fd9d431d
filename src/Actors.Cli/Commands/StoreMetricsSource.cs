using Actors.Cluster;
using Actors.Metrics.Snapshots;

namespace Actors.Cli.Commands;

/// <summary><c>actors watch --store CONN</c>: every node's latest snapshot from the cluster store, added up.</summary>
internal static class StoreMetricsSource
{
    public static IMetricsSnapshotSource Create(string connection) => new JsonSnapshotSource(
        "run store",
        async cancellationToken =>
        {
            var store = await RunStoreFactory.OpenAsync(new StoreSettings { Kind = StoreKind.Postgres, Connection = connection }, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var storeScope = store.ConfigureAwait(false);
            var latest = await store.GetLatestNodeMetricsAsync(cancellationToken).ConfigureAwait(false);
            return [.. latest.Select(s => s.SnapshotJson)];
        });
}
