using Actors.Cluster;
using Actors.Corpus;
using Actors.Hocon;
using Actors.Pipelines.Runs;

namespace Actors.Pipelines.Backtranslation;

/// <summary>
/// The backtranslation recipe for <see cref="RunLauncher"/>. Inputs: <c>corpus</c> (files or directories, one
/// shard per file) and optionally <c>seed</c> (a JSONL file of {instruction, output} pairs mixed into train/).
/// </summary>
public sealed class BacktranslationDefinition : IRecipeDefinition
{
    /// <summary>Input key of the corpus paths.</summary>
    public const string CorpusInput = "corpus";

    /// <summary>Input key of the seed file.</summary>
    public const string SeedInput = "seed";

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
        if (!inputs.TryGetValue(CorpusInput, out var corpus) || corpus.Length == 0)
        {
            throw new ArgumentException("backtranslation needs --corpus PATH (a file or directory of JSONL, .jsonl.gz, WET, WARC, .txt or .md).");
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
        _ = CorpusDiscovery.Discover(corpus);
    }

    /// <inheritdoc />
    public Task RegisterInputsAsync(IRunStore store, RunId run, IReadOnlyDictionary<string, string[]> inputs, HoconConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var shards = CorpusDiscovery.Discover(inputs[CorpusInput]);
        var seed = inputs.TryGetValue(SeedInput, out var s) && s.Length > 0 ? s[0] : null;
        return BacktranslationRecipe.RegisterInputsAsync(store, run, shards, seed, cancellationToken);
    }

    /// <inheritdoc />
    public Func<CancellationToken, Task> CreateWork(RunContext context, IReadOnlyDictionary<string, string[]> inputs, HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = Settings(config);
        return async cancellationToken =>
        {
            var recipe = new BacktranslationRecipe(settings, context, FileMetadata(context));
            await ProcessPendingShardsAsync(recipe, context, cancellationToken).ConfigureAwait(false);
        };
    }

    /// <inheritdoc />
    public async Task ProcessShardAsync(RunContext context, HoconConfig config, ShardDefinition shard, LeaseToken fence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(shard);
        var recipe = new BacktranslationRecipe(Settings(config), context, FileMetadata(context));
        recipe.Committer.Fence = fence;
        if (Unreadable(shard.Path) is { } problem)
        {
            context.Log($"shard {shard.Id.Value}: failed: {problem}");
            var commit = context.Store.BeginCommit(context.Run, fence);
            await using var commitScope = commit.ConfigureAwait(false);
            commit.FailShard(shard.Id, problem).IncrementCounter("shards.failed");
            await commit.CommitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await recipe.ProcessAsync(shard, cancellationToken).ConfigureAwait(false);
    }

    private Dictionary<string, string> FileMetadata(RunContext context) => new(StringComparer.Ordinal)
    {
        ["actors.run_id"] = context.Run.Value,
        ["actors.recipe"] = Name,
        ["actors.backend"] = context.Router.IsOffline ? "offline (deterministic heuristics, not a model)" : context.Router.Description,
    };

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
            if (Unreadable(shard.Path) is { } problem)
            {
                // The file itself cannot be read (gone, unreadable): the shard fails with its reason and the run
                // goes on. Failures while writing outputs (disk full) are not caught here: they stop the run.
                context.Log($"shard {shard.Id.Value}: failed: {problem}");
                var commit = context.Store.BeginCommit(context.Run, recipe.Committer.Fence);
                await using var commitScope = commit.ConfigureAwait(false);
                commit.FailShard(shard.Id, problem).IncrementCounter("shards.failed");
                await commit.CommitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            await recipe.ProcessAsync(new ShardDefinition(shard.Id, shard.Path, shard.SizeBytes), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? Unreadable(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot read {path}: {e.Message}";
        }
    }
}
