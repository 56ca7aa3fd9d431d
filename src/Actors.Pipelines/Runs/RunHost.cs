using System.Diagnostics;
using System.Text.Json.Nodes;
using Actors.Cluster;
using Actors.Inference;
using Actors.Parquet;
using Actors.Streams.Dsl;

namespace Actors.Pipelines.Runs;

/// <summary>What <see cref="RunHost.ExecuteAsync"/> needs for one attempt of a run.</summary>
public sealed record RunHostOptions
{
    /// <summary>The output directory.</summary>
    public required RunLayout Layout { get; init; }

    /// <summary>The opened store.</summary>
    public required IRunStore Store { get; init; }

    /// <summary>The run's manifest (run.json).</summary>
    public required RunManifest Manifest { get; init; }

    /// <summary>Devices and retries.</summary>
    public required InferenceSettings Inference { get; init; }

    /// <summary>Every dataset the recipe writes (recovery reconciles them all).</summary>
    public required IReadOnlyList<DatasetSpec> Datasets { get; init; }

    /// <summary>Builds the recipe's work for the attempt; it processes whatever is not committed yet.</summary>
    public required Func<RunContext, Func<CancellationToken, Task>> CreateWork { get; init; }

    /// <summary>Drain and abort.</summary>
    public required RunControl Control { get; init; }

    /// <summary>Parquet settings.</summary>
    public ParquetWriterOptions Parquet { get; init; } = new();

    /// <summary>Stream settings.</summary>
    public StreamSettings Streams { get; init; } = new();

    /// <summary>Log lines.</summary>
    public Action<string> Log { get; init; } = _ => { };

    /// <summary>Progress: records committed by each commit.</summary>
    public Action<long>? OnCommitted { get; init; }

    /// <summary>Also write export/DATASET.jsonl at the end.</summary>
    public bool ExportJsonl { get; init; }

    /// <summary>Receives the router once it is up (metrics display).</summary>
    public Action<InferenceRouter>? OnRouterStarted { get; init; }

    /// <summary>Shards done and total, every few seconds.</summary>
    public Action<int, int>? OnShardProgress { get; init; }
}

/// <summary>How an attempt ended.</summary>
/// <param name="Status">completed | drained | failed | aborted.</param>
/// <param name="Summary">The summary written to summary.json.</param>
public sealed record RunResult(string Status, JsonObject Summary);

/// <summary>
/// Runs one attempt of a run: reconcile the output directory with the store (delete uncommitted files,
/// verify committed ones), start the model router with the store-backed response cache, let the recipe
/// process what is not committed, then write summary.json (and the JSONL export on request).
/// </summary>
public static class RunHost
{
    /// <summary>Executes the attempt.</summary>
    /// <exception cref="DataLossException">A committed part file is missing or damaged.</exception>
    public static async Task<RunResult> ExecuteAsync(RunHostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var run = new RunId(options.Manifest.RunId);
        var recovered = await RunRecovery.ReconcileAsync(options.Store, run, options.Layout, options.Datasets, shard: null, cancellationToken).ConfigureAwait(false);
        if (recovered.Deleted.Count > 0)
        {
            options.Log($"recovery: removed {recovered.Deleted.Count} part file(s) that were written but never committed");
        }

        if (recovered.Verified > 0)
        {
            options.Log($"recovery: {recovered.Verified} committed part file(s) verified");
        }

        await options.Store.SetRunStateAsync(run, RunState.Active, cancellationToken).ConfigureAwait(false);
        var stopwatch = Stopwatch.StartNew();
        long committedThisAttempt = 0;
        var routerOptions = new InferenceRouterOptions
        {
            Cache = new StoreResponseCache(options.Store),
            OfflineResponders = RecipeResponders.Create(),
            Log = options.Log,
        };
        var router = await InferenceRouter.StartAsync(options.Inference, routerOptions, cancellationToken).ConfigureAwait(false);
        await using var routerScope = router.ConfigureAwait(false);
        options.OnRouterStarted?.Invoke(router);
        options.Log(router.IsOffline
            ? "backend: offline (deterministic heuristics, NOT a model; outputs are labelled offline)"
            : $"backend: {router.Description}");

        var context = new RunContext
        {
            Store = options.Store,
            Run = run,
            Layout = options.Layout,
            Router = router,
            Parquet = options.Parquet,
            Streams = options.Streams,
            Log = options.Log,
            Drain = options.Control.Drain,
            OnCommitted = n =>
            {
                Interlocked.Add(ref committedThisAttempt, n);
                options.OnCommitted?.Invoke(n);
            },
        };

        string status;
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = ReportShardsAsync(options, run, progressStop.Token);
        try
        {
            await options.CreateWork(context)(cancellationToken).ConfigureAwait(false);
            var shards = await options.Store.ListShardsAsync(run, cancellationToken).ConfigureAwait(false);
            if (shards.All(s => s.State != ShardState.Pending))
            {
                status = shards.Any(s => s.State == ShardState.Failed) ? "completed_with_failed_shards" : "completed";
                await options.Store.SetRunStateAsync(run, RunState.Completed, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                status = options.Control.IsDraining ? "drained" : "incomplete";
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Aborted: write what is known (the store is consistent) and let the caller exit.
            var aborted = await RunSummary.BuildAsync(options.Store, options.Manifest, router.Devices, "aborted", stopwatch.Elapsed, committedThisAttempt, CancellationToken.None).ConfigureAwait(false);
            await RunSummary.WriteAsync(options.Layout.SummaryFile, aborted, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        finally
        {
            await progressStop.CancelAsync().ConfigureAwait(false);
            await progress.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var summary = await RunSummary.BuildAsync(options.Store, options.Manifest, router.Devices, status, stopwatch.Elapsed, committedThisAttempt, cancellationToken).ConfigureAwait(false);
        if (options.ExportJsonl)
        {
            var exported = await JsonlExport.WriteAsync(options.Store, run, options.Layout, options.Datasets, cancellationToken).ConfigureAwait(false);
            summary["jsonl_export"] = new JsonObject(exported.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
        }

        await RunSummary.WriteAsync(options.Layout.SummaryFile, summary, cancellationToken).ConfigureAwait(false);
        return new RunResult(status, summary);
    }

    private static async Task ReportShardsAsync(RunHostOptions options, RunId run, CancellationToken cancellationToken)
    {
        if (options.OnShardProgress is not { } report)
        {
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var shards = await options.Store.ListShardsAsync(run, cancellationToken).ConfigureAwait(false);
            report(shards.Count(s => s.State != ShardState.Pending), shards.Count);
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        }
    }
}
