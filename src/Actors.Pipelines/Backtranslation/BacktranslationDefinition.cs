using Actors.Cluster;
using Actors.Corpus;
using Actors.Hocon;
using Actors.Inference;
using Actors.Pipelines.Runs;

namespace Actors.Pipelines.Backtranslation;

/// <summary>
/// The backtranslation recipe for <see cref="RunLauncher"/>. Inputs: <c>corpus</c> (files or directories, one
/// shard per file) and optionally <c>seed</c> (a JSONL file of {instruction, output} pairs mixed into train/) and
/// <c>judge</c> (the model name score requests ask for). Rescore mode replaces <c>corpus</c> with <c>rescore</c>
/// (the output directory of an earlier backtranslation run): its committed candidates are judged again, one shard
/// per candidates part file, and nothing is relabelled.
/// </summary>
public sealed class BacktranslationDefinition : IRecipeDefinition
{
    /// <summary>Input key of the corpus paths.</summary>
    public const string CorpusInput = "corpus";

    /// <summary>Input key of the seed file.</summary>
    public const string SeedInput = "seed";

    /// <summary>Input key of the earlier run whose candidates a rescore run judges again (<c>--rescore OUT_PREV</c>).</summary>
    public const string RescoreInput = "rescore";

    /// <summary>Input key of the judge's model name (<c>--judge MODEL</c>); recorded as given, not as a path.</summary>
    public const string JudgeInput = "judge";

    /// <summary>Operator-state name under which the mode and judge of a run are kept in the store.</summary>
    private const string StateOperator = "backtranslation";

    /// <inheritdoc />
    public string Name => BacktranslationRecipe.Name;

    /// <inheritdoc />
    public IReadOnlyList<DatasetSpec> Datasets => BacktranslationDatasets.All;

    /// <summary>Binds and validates the recipe's settings.</summary>
    public static BacktranslationSettings Settings(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var settings = config.Bind<BacktranslationSettings>("actors.backtranslation");
        settings.Validate();
        return settings;
    }

    /// <inheritdoc />
    public void ValidateInputs(IReadOnlyDictionary<string, string[]> inputs, HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(config);
        var corpus = inputs.TryGetValue(CorpusInput, out var c) ? c : [];
        var rescore = inputs.TryGetValue(RescoreInput, out var r) ? r : [];
        if (rescore.Length > 0)
        {
            if (corpus.Length > 0)
            {
                throw new ArgumentException("--rescore and --corpus exclude each other: a rescore run judges the candidates of an earlier run again and reads no corpus.");
            }

            if (rescore.Length != 1)
            {
                throw new ArgumentException("--rescore takes one directory: the --out of an earlier backtranslation run.");
            }

            RescoreSource.Resolve(rescore[0]);
        }
        else if (corpus.Length == 0)
        {
            throw new ArgumentException("backtranslation needs --corpus PATH (a file or directory of JSONL, .jsonl.gz, WET, WARC, .txt or .md), or --rescore OUT_PREV to judge an earlier run's candidates again.");
        }

        foreach (var path in corpus)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw new ArgumentException($"--corpus {path}: no such file or directory.");
            }
        }

        if (inputs.TryGetValue(SeedInput, out var seed) && seed.Length > 0 && !File.Exists(seed[0]))
        {
            throw new ArgumentException($"--seed {seed[0]}: no such file.");
        }

        Settings(config);
        ValidateJudge(inputs, config);
        if (corpus.Length > 0)
        {
            _ = CorpusDiscovery.Discover(corpus);
        }
    }

    /// <summary>The judge model of <paramref name="inputs"/>, or null when none was given.</summary>
    public static string? Judge(IReadOnlyDictionary<string, string[]> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.TryGetValue(JudgeInput, out var judge) && judge.Length == 1 && !string.IsNullOrWhiteSpace(judge[0]) ? judge[0] : null;
    }

    /// <summary>
    /// A judge must be servable: some device is offline (serves any name), has no model configured (learns it from
    /// the server), or is configured with exactly that model. Otherwise every score request would fail with NoDevice.
    /// </summary>
    private static void ValidateJudge(IReadOnlyDictionary<string, string[]> inputs, HoconConfig config)
    {
        if (!inputs.TryGetValue(JudgeInput, out var given))
        {
            return;
        }

        if (Judge(inputs) is not { } judge)
        {
            throw new ArgumentException("--judge needs one model name, e.g. --judge m1.");
        }

        var devices = RunLauncher.InferenceFor(config, inputs).EffectiveDevices();
        if (devices.Any(d => d.Value.Backend == BackendKind.Offline || d.Value.Model.Length == 0 || d.Value.Model == judge))
        {
            return;
        }

        var served = string.Join(", ", devices.Select(d => $"{d.Key} serves '{d.Value.Model}'"));
        throw new ArgumentException(
            $"--judge {given[0]}: no device serves that model ({served}). With --endpoint, leave --model out (the judge is then the model requested) " +
            "or pass the same name; to label and judge with different models, configure one device per model in actors.inference.devices.");
    }

    /// <inheritdoc />
    public async Task RegisterInputsAsync(IRunStore store, RunId run, IReadOnlyDictionary<string, string[]> inputs, HoconConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(inputs);
        var seed = inputs.TryGetValue(SeedInput, out var s) && s.Length > 0 ? s[0] : null;
        var judge = Judge(inputs);
        if (!inputs.TryGetValue(RescoreInput, out var rescore) || rescore.Length == 0)
        {
            await SaveStateAsync(store, run, "label", judge, null, cancellationToken).ConfigureAwait(false);
            var shards = CorpusDiscovery.Discover(inputs[CorpusInput]);
            await BacktranslationRecipe.RegisterInputsAsync(store, run, shards, seed, cancellationToken).ConfigureAwait(false);
            return;
        }

        var source = await RescoreSource.ShardsAsync(rescore[0], cancellationToken).ConfigureAwait(false);
        var definitions = source.Shards.ToList();
        if (seed is not null)
        {
            var full = Path.GetFullPath(seed);
            definitions.Add(new ShardDefinition(BacktranslationRecipe.SeedShardId(full), full, new FileInfo(full).Length));
        }

        // State first: a start killed between the two steps registers again on resume (both are idempotent).
        await SaveStateAsync(store, run, "rescore", judge, $"{source.SourceRun} ({source.SourceState?.ToString().ToLowerInvariant() ?? "unknown"}, {source.Shards.Count} candidates part(s))", cancellationToken).ConfigureAwait(false);
        await store.RegisterShardsAsync(run, definitions, cancellationToken).ConfigureAwait(false);
    }

    private static async Task SaveStateAsync(IRunStore store, RunId run, string mode, string? judge, string? source, CancellationToken cancellationToken)
    {
        var commit = store.BeginCommit(run);
        await using var commitScope = commit.ConfigureAwait(false);
        commit.SetOperatorState(StateOperator, "mode", mode);
        if (judge is not null)
        {
            commit.SetOperatorState(StateOperator, JudgeInput, judge);
        }

        if (source is not null)
        {
            commit.SetOperatorState(StateOperator, "source", source);
        }

        await commit.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Func<CancellationToken, Task> CreateWork(RunContext context, IReadOnlyDictionary<string, string[]> inputs, HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = Settings(config);
        var judge = Judge(inputs);
        return async cancellationToken =>
        {
            var state = await context.Store.GetOperatorStateAsync(context.Run, StateOperator, cancellationToken).ConfigureAwait(false);
            if (state.TryGetValue("source", out var source))
            {
                context.Log($"rescore: judging again the candidates of run {source}{(judge is null ? "" : $" with judge '{judge}'")}; nothing is relabelled");
            }

            var recipe = new BacktranslationRecipe(settings, context, FileMetadata(context, state.GetValueOrDefault("mode"), judge)) { JudgeModel = judge };
            await ProcessPendingShardsAsync(recipe, context, cancellationToken).ConfigureAwait(false);
        };
    }

    /// <inheritdoc />
    public async Task ProcessShardAsync(RunContext context, HoconConfig config, ShardDefinition shard, LeaseToken fence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(shard);

        // A cluster node has no command line of the run: the judge comes from the state recorded at registration.
        var state = await context.Store.GetOperatorStateAsync(context.Run, StateOperator, cancellationToken).ConfigureAwait(false);
        var judge = state.GetValueOrDefault(JudgeInput);
        var recipe = new BacktranslationRecipe(Settings(config), context, FileMetadata(context, state.GetValueOrDefault("mode"), judge)) { JudgeModel = judge };
        recipe.Committer.Fence = fence;
        await recipe.ProcessAsync(shard, cancellationToken).ConfigureAwait(false);
    }

    private Dictionary<string, string> FileMetadata(RunContext context, string? mode, string? judge)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["actors.run_id"] = context.Run.Value,
            ["actors.recipe"] = Name,
            ["actors.mode"] = mode ?? "label",
            ["actors.backend"] = context.Router.IsOffline ? "offline (deterministic heuristics, not a model)" : context.Router.Description,
        };
        if (judge is not null)
        {
            metadata["actors.judge_model"] = judge;
        }

        return metadata;
    }

    /// <summary>Processes every pending shard of the run in registration order (single node).</summary>
    public static async Task ProcessPendingShardsAsync(BacktranslationRecipe recipe, RunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(context);
        var shards = await context.Store.ListShardsAsync(context.Run, cancellationToken).ConfigureAwait(false);
        foreach (var shard in shards.Where(s => s.State == ShardState.Pending))
        {
            if (context.Drain.IsCancellationRequested)
            {
                break;
            }

            context.Log($"shard {shard.Id.Value}: {(shard.CommittedRecords > 0 ? $"resuming after {shard.CommittedRecords} committed records" : "starting")}");
            await recipe.ProcessAsync(new ShardDefinition(shard.Id, shard.Path, shard.SizeBytes), cancellationToken).ConfigureAwait(false);
        }
    }
}
