using System.Collections.Concurrent;
using System.Text.Json;
using Actors.Cluster;
using Actors.Hocon;
using Actors.Inference;
using Actors.Parquet;
using Actors.Streams.Dsl;

namespace Actors.Pipelines.Runs;

/// <summary>What a cluster node needs.</summary>
public sealed record ClusterNodeOptions
{
    /// <summary>The shared store (PostgreSQL).</summary>
    public required IRunStore Store { get; init; }

    /// <summary>Membership and lease settings.</summary>
    public required ClusterSettings Cluster { get; init; }

    /// <summary>This node's devices.</summary>
    public required InferenceSettings Inference { get; init; }

    /// <summary>The recipes this build runs.</summary>
    public required IReadOnlyList<IRecipeDefinition> Recipes { get; init; }

    /// <summary>Drain (leave gracefully) and abort.</summary>
    public required RunControl Control { get; init; }

    /// <summary>Log lines.</summary>
    public Action<string> Log { get; init; } = _ => { };
}

/// <summary>
/// A worker node: registers with the store, heartbeats, takes shard leases of active jobs (fair share, at
/// most max-shards), processes each shard with its recipe under the lease's fence while renewing it at half
/// the TTL, and stops work on a shard as soon as a renewal fails or its deadline passes, before the lease can
/// expire. A node that was paused past its TTL (SIGSTOP) finds its lease taken over and its commits refused.
/// When every shard of a job is done, the node that notices writes the job's summary.json and marks it completed.
/// </summary>
public static class ClusterNode
{
    /// <summary>Runs the node until drained or aborted.</summary>
    public static async Task RunAsync(ClusterNodeOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var node = options.Cluster.ResolveNodeId();
        var store = options.Store;
        await store.RegisterNodeAsync(node, options.Cluster.Roles, JsonSerializer.Serialize(options.Inference.EffectiveDevices().Select(d => d.Key)), cancellationToken).ConfigureAwait(false);
        options.Log($"node {node.Value}: joined (roles {string.Join(",", options.Cluster.Roles)}, lease ttl {options.Cluster.LeaseTtl.TotalSeconds}s)");

        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(options, node, heartbeatStop.Token);
        var routerOptions = new InferenceRouterOptions { Cache = new StoreResponseCache(store), OfflineResponders = RecipeResponders.Create(), Log = options.Log };
        var router = await InferenceRouter.StartAsync(options.Inference, routerOptions, cancellationToken).ConfigureAwait(false);
        await using var routerScope = router.ConfigureAwait(false);
        var working = new ConcurrentDictionary<string, Task>(StringComparer.Ordinal);

        // Released when a shard finishes, so the node looks for the next one at once rather than at the next poll.
        // Not disposed: a shard still stopping after an abort may release it (no wait handle is ever created).
        var finished = new SemaphoreSlim(0);
        try
        {
            while (!options.Control.IsDraining)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    await TakeWorkAsync(options, store, node, router, working, finished, cancellationToken).ConfigureAwait(false);
                }
                catch (StoreUnavailableException e)
                {
                    // PostgreSQL restarting or unreachable: wait and carry on; leases protect correctness.
                    options.Log($"node {node.Value}: store unavailable ({e.Message}); waiting");
                }

                if (await finished.WaitAsync(options.Cluster.PollInterval, cancellationToken).ConfigureAwait(false))
                {
                    while (finished.Wait(0))
                    {
                        // Several shards finished at once: one look is enough.
                    }
                }
            }

            // Drain: in-flight shards see the drain token, commit what they have and stop.
            await Task.WhenAll(working.Values).ConfigureAwait(false);
        }
        finally
        {
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!cancellationToken.IsCancellationRequested)
            {
                await store.LeaveAsync(node, CancellationToken.None).ConfigureAwait(false);
                options.Log($"node {node.Value}: left the cluster");
            }
        }
    }

    private static async Task TakeWorkAsync(ClusterNodeOptions options, IRunStore store, NodeId node, InferenceRouter router, ConcurrentDictionary<string, Task> working, SemaphoreSlim finished, CancellationToken cancellationToken)
    {
        foreach (var run in await store.ListRunsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (run.State != RunState.Active || options.Control.IsDraining)
            {
                continue;
            }

            var job = await JobRegistry.LoadAsync(store, run.Id, cancellationToken).ConfigureAwait(false);
            if (job is not { } found || options.Recipes.FirstOrDefault(r => r.Name == found.Manifest.Recipe) is not { } recipe)
            {
                continue;
            }

            var leases = await store.AcquireShardsAsync(node, run.Id, options.Cluster.MaxShards, cancellationToken).ConfigureAwait(false);
            foreach (var lease in leases)
            {
                options.Log($"node {node.Value}: took {lease.Shard.Value} of {run.Id.Value} (fence {lease.Token.Fence})");
                var key = $"{run.Id.Value}/{lease.Shard.Value}";

                // Registered before it starts, so a shard that finishes at once cannot be removed before it is added
                // (a node that kept a finished entry would never see itself idle, nor finish the job); removed only
                // if the entry is still this one (the shard may be taken again before the continuation runs).
                var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Task? entry = null;
                entry = start.Task
                    .ContinueWith(_ => WorkOnLeaseAsync(options, router, recipe, found.Manifest, found.Output, lease, cancellationToken), TaskScheduler.Default)
                    .Unwrap()
                    .ContinueWith(
                        _ =>
                        {
                            working.TryRemove(new KeyValuePair<string, Task>(key, entry!));
                            finished.Release();
                        },
                        TaskScheduler.Default);
                working[key] = entry;
                start.SetResult();
            }

            if (leases.Count == 0 && working.IsEmpty)
            {
                try
                {
                    await FinishIfDoneAsync(options, router, found.Manifest, found.Output, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    // The shared output directory failed us (another node may be finishing the job at the same moment):
                    // the job stays active and this node, or another, finishes it at a later look.
                    options.Log($"job {run.Id.Value}: could not write its summary yet: {e.Message}");
                }
            }
        }
    }

    private static async Task HeartbeatAsync(ClusterNodeOptions options, NodeId node, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(options.Cluster.HeartbeatInterval, cancellationToken).ConfigureAwait(false);
            try
            {
                if (!await options.Store.HeartbeatAsync(node, cancellationToken).ConfigureAwait(false))
                {
                    await options.Store.RegisterNodeAsync(node, options.Cluster.Roles, "[]", cancellationToken).ConfigureAwait(false);
                }
            }
            catch (StoreUnavailableException e)
            {
                options.Log($"node {node.Value}: heartbeat failed, store unavailable ({e.Message}); retrying");
            }
        }
    }

    private static async Task WorkOnLeaseAsync(ClusterNodeOptions options, InferenceRouter router, IRecipeDefinition recipe, RunManifest manifest, string output, ShardLease lease, CancellationToken cancellationToken)
    {
        using var shardWork = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var renewStop = new CancellationTokenSource();
        var renewal = RenewAsync(options, lease.Token, shardWork, renewStop.Token);
        try
        {
            var layout = new RunLayout(output);
            var config = RunLauncher.RecordedConfig(manifest.ConfigJson, layout);
            await RunRecovery.ReconcileAsync(options.Store, lease.Run, layout, recipe.Datasets, lease.Shard, shardWork.Token).ConfigureAwait(false);
            var context = new RunContext
            {
                Store = options.Store,
                Run = lease.Run,
                Layout = layout,
                Router = router,
                Parquet = config.Bind<ParquetWriterOptions>("actors.parquet"),
                Streams = config.Bind<StreamSettings>("actors.streams"),
                Log = options.Log,
                Drain = options.Control.Drain,
            };
            await recipe.ProcessShardAsync(context, config, new ShardDefinition(lease.Shard, lease.Path, lease.SizeBytes), lease.Token, shardWork.Token).ConfigureAwait(false);
            options.Log($"shard {lease.Shard.Value}: {(options.Control.IsDraining ? "drained" : "done")} on {lease.Token.Owner.Value}");
        }
        catch (FencedOffException e)
        {
            options.Log($"shard {lease.Shard.Value}: lease lost, nothing more committed: {e.Message}");
        }
        catch (StoreUnavailableException e)
        {
            options.Log($"shard {lease.Shard.Value}: store unavailable ({e.Message}); giving the shard up, its lease expires and it is taken again");
        }
        catch (OperationCanceledException) when (shardWork.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            options.Log($"shard {lease.Shard.Value}: stopped because the lease could not be renewed in time");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing uncommitted is kept: the lease is released below and the shard is taken again, here or elsewhere.
            options.Log($"shard {lease.Shard.Value}: work failed, lease released: {e}");
        }
        finally
        {
            await renewStop.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await options.Store.ReleaseAsync(lease.Token, CancellationToken.None).ConfigureAwait(false);
                }
                catch (StoreUnavailableException)
                {
                    // The lease expires on its own.
                }
            }
        }
    }

    /// <summary>
    /// Renews at half the TTL. A renewal must succeed before the lease's deadline (last success + TTL, less a
    /// safety margin); if it is refused, or the deadline passes while the store is unreachable, work on the
    /// shard is cancelled, so it stops before another node may take the shard over.
    /// </summary>
    private static async Task RenewAsync(ClusterNodeOptions options, LeaseToken token, CancellationTokenSource shardWork, CancellationToken stop)
    {
        var ttl = options.Cluster.LeaseTtl;
        var margin = TimeSpan.FromTicks(ttl.Ticks / 10);
        var deadline = DateTimeOffset.UtcNow + ttl - margin;
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(ttl / 2, stop).ConfigureAwait(false);
            var remaining = deadline - DateTimeOffset.UtcNow;
            bool renewed = false;
            if (remaining > TimeSpan.Zero)
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop);
                attempt.CancelAfter(remaining);
                try
                {
                    renewed = await options.Store.RenewAsync(token, attempt.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is StoreUnavailableException or OperationCanceledException && !stop.IsCancellationRequested)
                {
                    renewed = false;
                }
            }

            if (!renewed)
            {
                options.Log($"lease {token}: not renewed in time; stopping work on it");
                await shardWork.CancelAsync().ConfigureAwait(false);
                return;
            }

            deadline = DateTimeOffset.UtcNow + ttl - margin;
        }
    }

    private static async Task FinishIfDoneAsync(ClusterNodeOptions options, InferenceRouter router, RunManifest manifest, string output, CancellationToken cancellationToken)
    {
        var run = new RunId(manifest.RunId);
        var shards = await options.Store.ListShardsAsync(run, cancellationToken).ConfigureAwait(false);
        if (shards.Count == 0 || shards.Any(s => s.State == ShardState.Pending))
        {
            return;
        }

        // Every idle node sees the last shard done at about the same moment; the holder of this singleton finishes
        // the job. Should it die first, the lease expires and another node finishes it.
        if (await options.Store.AcquireSingletonAsync($"finish/{run.Value}", options.Cluster.ResolveNodeId(), cancellationToken).ConfigureAwait(false) is not { } finishing)
        {
            return;
        }

        try
        {
            if (await options.Store.GetRunAsync(run, cancellationToken).ConfigureAwait(false) is not { State: RunState.Active })
            {
                return;
            }

            var layout = new RunLayout(output);
            if (options.Recipes.FirstOrDefault(r => r.Name == manifest.Recipe) is { } recipe)
            {
                // Every shard is done: whatever part file is not recorded now (left by a node killed between its
                // rename and its commit) can only be a stray.
                await RunRecovery.ReconcileAsync(options.Store, run, layout, recipe.Datasets, shard: null, cancellationToken).ConfigureAwait(false);
            }

            var status = shards.Any(s => s.State == ShardState.Failed) ? "completed_with_failed_shards" : "completed";
            var summary = await RunSummary.BuildAsync(options.Store, manifest, router.Devices, status, TimeSpan.Zero, 0, cancellationToken).ConfigureAwait(false);
            await RunSummary.WriteAsync(layout.SummaryFile, summary, cancellationToken).ConfigureAwait(false);
            await options.Store.SetRunStateAsync(run, RunState.Completed, cancellationToken).ConfigureAwait(false);
            options.Log($"job {run.Value}: every shard is done; wrote {layout.SummaryFile}");
        }
        finally
        {
            await options.Store.ReleaseAsync(finishing, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
