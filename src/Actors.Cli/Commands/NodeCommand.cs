using System.CommandLine;
using System.Globalization;
using Actors.Cluster;
using Actors.Hocon;
using Actors.Inference;
using Actors.Metrics;
using Actors.Metrics.Collection;
using Actors.Metrics.Endpoint;
using Actors.Metrics.Snapshots;
using Actors.Pipelines.Runs;

namespace Actors.Cli.Commands;

/// <summary><c>actors node start --store CONN [--config FILE] [--name N] [--endpoint URL --model M]</c>: a worker node.</summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var store = new Option<string?>("--store") { Description = "PostgreSQL connection string of the cluster (or set ACTORS_STORE)." };
        var config = new Option<string?>("--config") { Description = "HOCON file: actors.cluster (roles, lease-ttl...) and actors.inference.devices of this node." };
        var name = new Option<string?>("--name") { Description = "Node name (default actors.cluster.node-name, else the host name)." };
        var endpoint = new Option<string?>("--endpoint") { Description = "One OpenAI-compatible server for this node instead of configured devices." };
        var model = new Option<string?>("--model") { Description = "Model name for --endpoint." };
        var start = new Command("start", "Join the cluster and work on shards of active jobs until stopped (Ctrl-C drains, a second one aborts).");
        foreach (var option in new Option[] { store, config, name, endpoint, model })
        {
            start.Options.Add(option);
        }

        start.SetAction(async (parseResult, cancellationToken) =>
        {
            var log = new Action<string>(line => Console.Error.WriteLine($"{DateTimeOffset.Now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} {line}"));
            var connection = ClusterStoreConnection.Resolve(parseResult.GetValue(store), parseResult.GetValue(config));
            if (string.IsNullOrEmpty(connection))
            {
                await Console.Error.WriteLineAsync("actors node start: give --store CONN or set ACTORS_STORE.").ConfigureAwait(false);
                return 2;
            }

            try
            {
                var hocon = HoconConfig.Load(parseResult.GetValue(config) is { } c ? Path.GetFullPath(c) : null);
                var cluster = hocon.Bind<ClusterSettings>("actors.cluster");
                if (parseResult.GetValue(name) is { Length: > 0 } nodeName)
                {
                    cluster = cluster with { NodeName = nodeName };
                }

                var inference = hocon.Bind<InferenceSettings>("actors.inference");
                if (parseResult.GetValue(endpoint) is { } url)
                {
                    inference = inference.WithSingleOpenAiDevice(new Uri(url), parseResult.GetValue(model) ?? string.Empty);
                }

                inference.Validate();
                var storeSettings = hocon.Bind<StoreSettings>("actors.store") with { Kind = StoreKind.Postgres, Connection = connection };
                var opened = await RunStoreFactory.OpenAsync(storeSettings, cluster, cancellationToken: cancellationToken).ConfigureAwait(false);
                await using var storeScope = opened.ConfigureAwait(false);
                using var signals = new RunSignals(cancellationToken, log);
                var metricsSettings = hocon.Bind<MetricsSettings>("actors.metrics");
                var nodeId = cluster.ResolveNodeId();
                using var collector = new MetricsCollector(new MetricsCollectorOptions { Node = nodeId.Value });
                MetricsEndpoint? metricsEndpoint = null;
                if (metricsSettings.Enabled)
                {
                    try
                    {
                        metricsEndpoint = await MetricsEndpoint.StartAsync(metricsSettings, collector, signals.Abort).ConfigureAwait(false);
                        log($"metrics: {metricsEndpoint.Uri}");
                    }
                    catch (IOException e)
                    {
                        log($"metrics: endpoint not started ({e.Message}); snapshots still go to the store");
                    }
                }

                await using var endpointScope = new AsyncDisposal(metricsEndpoint).ConfigureAwait(false);
                var publisher = MetricsSnapshotPublisher.Start(
                    collector,
                    [new JsonSnapshotSink((json, ct) => opened.RecordNodeMetricsAsync(nodeId, json, ct))],
                    metricsSettings.SnapshotInterval,
                    onError: e => log($"metrics: {e.Message}"));
                await using var publisherScope = publisher.ConfigureAwait(false);
                await ClusterNode.RunAsync(
                    new ClusterNodeOptions { Store = opened, Cluster = cluster, Inference = inference, Recipes = RecipeCatalog.All, Control = signals.Control, Log = log },
                    signals.Abort).ConfigureAwait(false);
                return 0;
            }
            catch (ConfigurationException e)
            {
                await Console.Error.WriteLineAsync($"actors node start: {e.Message}").ConfigureAwait(false);
                return 2;
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"actors node start: {e.Message}").ConfigureAwait(false);
                return 2;
            }
            catch (OperationCanceledException)
            {
                return 130;
            }
        });
        var command = new Command("node", "Cluster node commands.");
        command.Subcommands.Add(start);
        return command;
    }

    /// <summary>Disposes an optional resource.</summary>
    private sealed class AsyncDisposal(IAsyncDisposable? inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => inner?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
