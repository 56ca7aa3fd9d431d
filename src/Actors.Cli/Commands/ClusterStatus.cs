using System.Globalization;
using Actors.Cluster;

namespace Actors.Cli.Commands;

/// <summary>Nodes, jobs, shards and owners of a cluster store.</summary>
internal static class ClusterStatus
{
    public static async Task<int> PrintAsync(string connection, CancellationToken cancellationToken)
    {
        var store = await RunStoreFactory.OpenAsync(new StoreSettings { Kind = StoreKind.Postgres, Connection = connection }, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var storeScope = store.ConfigureAwait(false);
        var nodes = await store.ListNodesAsync(cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"nodes ({nodes.Count}):").ConfigureAwait(false);
        foreach (var node in nodes)
        {
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {node}")).ConfigureAwait(false);
        }

        foreach (var run in await store.ListRunsAsync(cancellationToken).ConfigureAwait(false))
        {
            await Console.Out.WriteLineAsync($"job {run.Id.Value} ({run.Definition.Recipe}) state {run.State.ToString().ToLowerInvariant()}").ConfigureAwait(false);
            await StatusCommand.PrintShardsAsync(store, run.Id, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }
}
