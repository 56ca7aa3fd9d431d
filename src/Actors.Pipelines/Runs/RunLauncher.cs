using System.Globalization;
using System.Security.Cryptography;
using Actors.Cluster;
using Actors.Hocon;
using Actors.Inference;
using Actors.Parquet;
using Actors.Streams.Dsl;

namespace Actors.Pipelines.Runs;

/// <summary>How a run is started.</summary>
public sealed record StartRequest
{
    /// <summary>The recipe.</summary>
    public required IRecipeDefinition Recipe { get; init; }

    /// <summary>The output directory; must not hold another run.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The user's HOCON file, or null for the defaults.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Recipe inputs by option name (paths as given).</summary>
    public required IReadOnlyDictionary<string, string[]> Inputs { get; init; }

    /// <summary>A single OpenAI-compatible endpoint (with <see cref="Model"/>) instead of configured devices.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Model name for <see cref="Endpoint"/>.</summary>
    public string? Model { get; init; }
}

/// <summary>Where an attempt reports to and how it is stopped.</summary>
public sealed record AttemptOptions
{
    /// <summary>Drain and abort.</summary>
    public required RunControl Control { get; init; }

    /// <summary>Log lines.</summary>
    public Action<string> Log { get; init; } = _ => { };

    /// <summary>Records committed per commit.</summary>
    public Action<long>? OnCommitted { get; init; }

    /// <summary>Write export/DATASET.jsonl too.</summary>
    public bool ExportJsonl { get; init; }

    /// <summary>Receives the router once it is up.</summary>
    public Action<InferenceRouter>? OnRouterStarted { get; init; }

    /// <summary>Receives the effective configuration and the output directory before work starts (metrics set-up).</summary>
    public Action<HoconConfig, RunLayout>? OnConfigured { get; init; }

    /// <summary>Shards done and total, reported every few seconds while the attempt runs.</summary>
    public Action<int, int>? OnShardProgress { get; init; }
}

/// <summary>
/// Starts and resumes runs: creates the output directory and run.json, opens the store (embedded SQLite in
/// the output directory by default), records the run with its effective configuration, registers inputs,
/// and hands the attempt to <see cref="RunHost"/>. Resume reads everything back from run.json and the store.
/// </summary>
public static class RunLauncher
{
    /// <summary>Input key under which <c>--endpoint</c> is recorded.</summary>
    public const string EndpointInput = "endpoint";

    /// <summary>Input key under which <c>--model</c> is recorded.</summary>
    public const string ModelInput = "model";

    /// <summary>Starts a new run.</summary>
    /// <exception cref="ConfigurationException">The configuration is invalid (file:line in the message).</exception>
    /// <exception cref="ArgumentException">An input is invalid, or the directory already holds a run.</exception>
    public static async Task<RunResult> StartAsync(StartRequest request, AttemptOptions attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        var config = HoconConfig.Load(request.ConfigFile is null ? null : Path.GetFullPath(request.ConfigFile));
        var inputs = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, values) in request.Inputs)
        {
            inputs[key] = [.. values.Select(v => key is "target" or "judge" ? v : Path.GetFullPath(v))];
        }

        if (request.Endpoint is not null)
        {
            inputs[EndpointInput] = [request.Endpoint.ToString()];
            inputs[ModelInput] = [request.Model ?? string.Empty];
        }

        request.Recipe.ValidateInputs(inputs, config);
        var inference = InferenceFor(config, inputs);
        inference.Validate();

        var layout = new RunLayout(request.OutputDirectory);
        if (File.Exists(layout.RunFile))
        {
            throw new ArgumentException($"{layout.Root} already holds a run ({layout.RunFile}); continue it with `actors resume {layout.Root}`, or choose an empty directory.");
        }

        layout.EnsureWritable();
        var storeSettings = config.Bind<StoreSettings>("actors.store");
        var runId = new RunId($"{request.Recipe.Name}-{DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
        var manifest = RunManifest.Create(runId.Value, request.Recipe.Name, config, request.ConfigFile is null ? null : Path.GetFullPath(request.ConfigFile), inputs, storeSettings);

        // run.json first: from here on, a crash at any point leaves a directory that `actors resume` completes.
        await manifest.SaveAsync(layout.RunFile, cancellationToken).ConfigureAwait(false);
        var store = await RunStoreFactory.OpenAsync(storeSettings, config.Bind<ClusterSettings>("actors.cluster"), layout.Root, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var storeScope = store.ConfigureAwait(false);
        await EnsureRegisteredAsync(request.Recipe, store, manifest, config, cancellationToken).ConfigureAwait(false);
        attempt.Log($"run {runId.Value}: {request.Recipe.Name} into {layout.Root}");
        return await ExecuteAsync(request.Recipe, config, inputs, layout, store, manifest, attempt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Continues the run in <paramref name="directory"/> with its recorded configuration.</summary>
    public static async Task<RunResult> ResumeAsync(string directory, IReadOnlyList<IRecipeDefinition> recipes, AttemptOptions attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipes);
        ArgumentNullException.ThrowIfNull(attempt);
        var layout = new RunLayout(directory);
        if (!File.Exists(layout.RunFile))
        {
            throw new ArgumentException($"{layout.Root} holds no run (no {RunLayout.RunFileName}); start one with `actors run`.");
        }

        var manifest = RunManifest.Load(layout.RunFile);
        var recipe = recipes.FirstOrDefault(r => r.Name == manifest.Recipe)
            ?? throw new ArgumentException($"{layout.RunFile} names recipe '{manifest.Recipe}', which this build does not have.");
        var store = await OpenStoreAsync(layout, manifest, cancellationToken).ConfigureAwait(false);
        await using var storeScope = store.ConfigureAwait(false);
        var config = RecordedConfig(manifest.ConfigJson, layout);
        var run = await EnsureRegisteredAsync(recipe, store, manifest, config, cancellationToken).ConfigureAwait(false);
        if (run.Definition.CodeVersion != CodeVersion.Current)
        {
            attempt.Log($"note: the code changed since this run started ({run.Definition.CodeVersion} -> {CodeVersion.Current}); continuing with the recorded configuration");
        }

        if (manifest.ConfigFile is { } file && File.Exists(file))
        {
            try
            {
                var now = RunDefinition.HashConfig(HoconConfig.Load(file).ToJson());
                if (now != run.Definition.ConfigHash)
                {
                    attempt.Log($"note: {file} changed since this run started; continuing with the configuration recorded then (start a new run to use the new one)");
                }
            }
            catch (ConfigurationException e)
            {
                attempt.Log($"note: {file} no longer loads ({e.Message}); continuing with the recorded configuration");
            }
        }

        attempt.Log($"resuming run {manifest.RunId} ({manifest.Recipe}) in {layout.Root}");
        layout.EnsureWritable();
        return await ExecuteAsync(recipe, config, manifest.Inputs, layout, store, manifest, attempt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the store named by a run's manifest (SQLite relative to the directory; PostgreSQL from ACTORS_STORE when the recorded connection lacks a password).</summary>
    public static Task<IRunStore> OpenStoreAsync(RunLayout layout, RunManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(manifest);
        var kind = Enum.Parse<StoreKind>(manifest.StoreKind, ignoreCase: true);
        var connection = kind == StoreKind.Postgres && Environment.GetEnvironmentVariable("ACTORS_STORE") is { Length: > 0 } env ? env : manifest.StoreConnection;
        return RunStoreFactory.OpenAsync(new StoreSettings { Kind = kind, Connection = connection }, null, layout.Root, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Records the run and its inputs in the store unless they are there already (a start killed before
    /// registration finished is completed by the resume). Both steps are idempotent.
    /// </summary>
    private static async Task<RunRecord> EnsureRegisteredAsync(IRecipeDefinition recipe, IRunStore store, RunManifest manifest, HoconConfig config, CancellationToken cancellationToken)
    {
        var run = new RunId(manifest.RunId);
        var registration = await store.CreateRunAsync(new RunDefinition(run, manifest.Recipe, manifest.ConfigJson, manifest.CodeVersion), cancellationToken).ConfigureAwait(false);
        if (registration.Outcome == RunRegistrationOutcome.ConfigurationDiffers)
        {
            throw new ArgumentException($"The store already holds run {run.Value} with another configuration than run.json records; the directory was tampered with.");
        }

        var shards = await store.ListShardsAsync(run, cancellationToken).ConfigureAwait(false);
        if (shards.Count == 0)
        {
            await recipe.RegisterInputsAsync(store, run, manifest.Inputs, config, cancellationToken).ConfigureAwait(false);
        }

        return registration.Run;
    }

    private static async Task<RunResult> ExecuteAsync(
        IRecipeDefinition recipe,
        HoconConfig config,
        IReadOnlyDictionary<string, string[]> inputs,
        RunLayout layout,
        IRunStore store,
        RunManifest manifest,
        AttemptOptions attempt,
        CancellationToken cancellationToken)
    {
        attempt.OnConfigured?.Invoke(config, layout);
        var options = new RunHostOptions
        {
            Layout = layout,
            Store = store,
            Manifest = manifest,
            Inference = InferenceFor(config, inputs),
            Datasets = recipe.Datasets,
            CreateWork = context => recipe.CreateWork(context, inputs, config),
            Control = attempt.Control,
            Parquet = config.Bind<ParquetWriterOptions>("actors.parquet"),
            Streams = config.Bind<StreamSettings>("actors.streams"),
            Log = attempt.Log,
            OnCommitted = attempt.OnCommitted,
            ExportJsonl = attempt.ExportJsonl,
            OnRouterStarted = attempt.OnRouterStarted,
            OnShardProgress = attempt.OnShardProgress,
        };
        return await RunHost.ExecuteAsync(options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The inference settings of a run: configured devices, or the single endpoint given on the command line.</summary>
    public static InferenceSettings InferenceFor(HoconConfig config, IReadOnlyDictionary<string, string[]> inputs)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(inputs);
        var settings = config.Bind<InferenceSettings>("actors.inference");
        if (inputs.TryGetValue(EndpointInput, out var endpoint) && endpoint.Length == 1)
        {
            var model = inputs.TryGetValue(ModelInput, out var m) && m.Length == 1 ? m[0] : string.Empty;
            settings = settings.WithSingleOpenAiDevice(new Uri(endpoint[0]), model);
        }

        return settings;
    }

    /// <summary>Rebuilds the configuration recorded with a run (JSON, validated against reference.conf again).</summary>
    public static HoconConfig RecordedConfig(string configJson, RunLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        try
        {
            return HoconConfig.LoadText(configJson, $"configuration recorded in {layout.RunFile}");
        }
        catch (ConfigurationException e)
        {
            throw new ArgumentException($"The configuration recorded for the run in {layout.Root} no longer loads with this build: {e.Message}", e);
        }
    }

}
