using System.Globalization;
using Actors.Cluster;
using Actors.Hocon;
using Actors.Pipelines.Runs;

namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// The Self-Instruct recipe for <see cref="RunLauncher"/>. Inputs: <c>seeds</c> (one seed-task JSONL file) and
/// <c>target</c> (how many machine instructions the pool must reach). A seed file with any malformed line is refused
/// before the run is created, with every bad line as <c>file:line: problem</c> (seeds are few and hand-written, so
/// fixing the file beats running on part of it). The seed file must not change while the run exists: its size is
/// checked on every attempt, because the prompts are sampled from it.
/// </summary>
public sealed class SelfInstructDefinition : IRecipeDefinition
{
    /// <summary>Input key of the seed-task file (<c>--seeds FILE</c>).</summary>
    public const string SeedsInput = "seeds";

    /// <summary>Input key of the pool size to reach (<c>--target N</c>); recorded as given, not as a path.</summary>
    public const string TargetInput = "target";

    private const string StateOperator = "self-instruct";

    /// <inheritdoc />
    public string Name => SelfInstructRecipe.Name;

    /// <inheritdoc />
    public IReadOnlyList<DatasetSpec> Datasets => SelfInstructDatasets.All;

    /// <summary>Binds and validates the recipe's settings.</summary>
    public static SelfInstructSettings Settings(HoconConfig config)
    {
        var settings = SelfInstructSettings.FromConfig(config);
        SelfInstructRecipe.Validate(settings);
        return settings;
    }

    /// <inheritdoc />
    public void ValidateInputs(IReadOnlyDictionary<string, string[]> inputs, HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(config);
        if (!inputs.TryGetValue(SeedsInput, out var seeds) || seeds.Length != 1)
        {
            throw new ArgumentException("self-instruct needs one --seeds FILE (seed tasks as JSONL: id, instruction, instances, is_classification).");
        }

        if (!File.Exists(seeds[0]))
        {
            throw new ArgumentException($"--seeds {seeds[0]}: no such file.");
        }

        _ = Target(inputs);
        var settings = Settings(config);
        var tasks = LoadSeeds(seeds[0]);

        // Building the components checks the prompts and templates now rather than mid-run.
        _ = new InstructionPromptSampler(tasks, settings);
        _ = new ClassificationQuestion(settings);
        _ = new InstancePromptBuilder(settings);
        _ = new Export.TrainingRowFactory(settings.Templates, settings.Chat, settings.RandomSeed);
    }

    /// <summary>The target of <paramref name="inputs"/>; throws <see cref="ArgumentException"/> unless it is a whole number from 1 up.</summary>
    public static int Target(IReadOnlyDictionary<string, string[]> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!inputs.TryGetValue(TargetInput, out var given) || given.Length != 1)
        {
            throw new ArgumentException("self-instruct needs --target N: how many machine-generated instructions to collect.");
        }

        return int.TryParse(given[0], NumberStyles.None, CultureInfo.InvariantCulture, out var target) && target >= 1
            ? target
            : throw new ArgumentException($"--target {given[0]}: give a whole number of instructions, at least 1.");
    }

    /// <summary>Reads a seed file that must be clean; throws <see cref="ArgumentException"/> listing every bad line.</summary>
    public static IReadOnlyList<SeedTask> LoadSeeds(string path)
    {
        try
        {
            return SeedTaskReader.Load(path);
        }
        catch (SeedTaskFormatException e)
        {
            throw new ArgumentException($"--seeds {path}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    /// <remarks>Both phases are registered now, so the run is complete only when the instances are done too.</remarks>
    public Task RegisterInputsAsync(IRunStore store, RunId run, IReadOnlyDictionary<string, string[]> inputs, HoconConfig config, CancellationToken cancellationToken) =>
        RegisterAsync(store, run, inputs, cluster: false, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// A cluster job starts with one shard, the bootstrap, held under the similarity gate's singleton lease; the gate
    /// registers the prompt and instances shards that every node works on as the pool grows.
    /// </remarks>
    public Task RegisterJobInputsAsync(IRunStore store, RunId run, IReadOnlyDictionary<string, string[]> inputs, HoconConfig config, CancellationToken cancellationToken) =>
        RegisterAsync(store, run, inputs, cluster: true, cancellationToken);

    private static async Task RegisterAsync(IRunStore store, RunId run, IReadOnlyDictionary<string, string[]> inputs, bool cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(inputs);
        var seeds = Path.GetFullPath(inputs[SeedsInput][0]);
        await SaveTargetAsync(store, run, Target(inputs), cancellationToken).ConfigureAwait(false);
        var bootstrap = new ShardDefinition(SelfInstructRecipe.PromptsShard, seeds, new FileInfo(seeds).Length);
        ShardDefinition[] shards = cluster
            ? [bootstrap with { Singleton = GateName(run) }]
            : [bootstrap, new ShardDefinition(SelfInstructRecipe.InstructionsShard, seeds, 0)];
        await store.RegisterShardsAsync(run, shards, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The singleton lease of a cluster job's similarity gate.</summary>
    public static string GateName(RunId run) => $"self-instruct-gate/{run.Value}";

    private static async Task SaveTargetAsync(IRunStore store, RunId run, int target, CancellationToken cancellationToken)
    {
        var commit = store.BeginCommit(run);
        await using (commit.ConfigureAwait(false))
        {
            commit.SetOperatorState(StateOperator, TargetInput, target.ToString(CultureInfo.InvariantCulture));
            await commit.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Func<CancellationToken, Task> CreateWork(RunContext context, IReadOnlyDictionary<string, string[]> inputs, HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = Settings(config);
        return async cancellationToken =>
        {
            var recipe = await CreateRecipeAsync(context, settings, cancellationToken).ConfigureAwait(false);
            await recipe.RunAsync(cancellationToken).ConfigureAwait(false);
        };
    }

    /// <inheritdoc />
    /// <remarks>
    /// The pool has one owner: the node that holds <see cref="SelfInstructRecipe.PromptsShard"/> (under the gate's
    /// singleton lease) gates prompts in order and registers prompt shards (any node generates their prompts into the
    /// run's response cache) and instances shards (any node classifies and generates instances). A job registered the
    /// single-node way (with <see cref="SelfInstructRecipe.InstructionsShard"/>) still runs: its instructions shard waits
    /// for the bootstrap, whose owner then generates every prompt itself.
    /// </remarks>
    public async Task ProcessShardAsync(RunContext context, HoconConfig config, ShardDefinition shard, LeaseToken fence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(shard);
        var recipe = await CreateRecipeAsync(context, Settings(config), cancellationToken).ConfigureAwait(false);
        recipe.Committer.Fence = fence;
        if (shard.Id == SelfInstructRecipe.PromptsShard)
        {
            try
            {
                await recipe.BootstrapAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PoolStalledException e)
            {
                // Another gate owner would stall the same way: fail the bootstrap, so the job ends (with failed
                // shards) once the shards registered so far are done, instead of passing the gate around for ever.
                context.Log(e.Message);
                var failed = context.Store.BeginCommit(context.Run, fence);
                await using var failedScope = failed.ConfigureAwait(false);
                failed.FailShard(SelfInstructRecipe.PromptsShard, e.Message).IncrementCounter("shards.failed");
                await failed.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        else if (shard.Id.Value.StartsWith(SelfInstructRecipe.PromptRangePrefix, StringComparison.Ordinal))
        {
            await recipe.GeneratePromptsAsync(shard, cancellationToken).ConfigureAwait(false);
        }
        else if (shard.Id.Value.StartsWith(SelfInstructRecipe.InstanceRangePrefix, StringComparison.Ordinal))
        {
            await recipe.GenerateInstanceRangeAsync(shard, cancellationToken).ConfigureAwait(false);
        }
        else if (shard.Id == SelfInstructRecipe.InstructionsShard && !await recipe.IsPendingAsync(SelfInstructRecipe.PromptsShard, cancellationToken).ConfigureAwait(false))
        {
            await recipe.GenerateInstancesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SelfInstructRecipe> CreateRecipeAsync(RunContext context, SelfInstructSettings settings, CancellationToken cancellationToken)
    {
        // A cluster node has no command line of the run: the seeds come from the registered shard, the target from state.
        var shards = await context.Store.ListShardsAsync(context.Run, cancellationToken).ConfigureAwait(false);
        var prompts = shards.FirstOrDefault(s => s.Id == SelfInstructRecipe.PromptsShard)
            ?? throw new InvalidOperationException($"Run {context.Run.Value} has no {SelfInstructRecipe.PromptsShard.Value} shard; it is not a self-instruct run.");
        var size = File.Exists(prompts.Path) ? new FileInfo(prompts.Path).Length : -1;
        if (size != prompts.SizeBytes)
        {
            throw new InvalidOperationException(
                $"The seed file {prompts.Path} had {prompts.SizeBytes} bytes when the run started and has {(size < 0 ? "gone" : $"{size} bytes")} now; " +
                "prompts are sampled from it, so the run cannot go on. Restore the file, or start a new run.");
        }

        var state = await context.Store.GetOperatorStateAsync(context.Run, StateOperator, cancellationToken).ConfigureAwait(false);
        var target = int.Parse(state[TargetInput], NumberStyles.None, CultureInfo.InvariantCulture);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["actors.run_id"] = context.Run.Value,
            ["actors.recipe"] = Name,
            ["actors.target"] = state[TargetInput],
            ["actors.backend"] = context.Router.IsOffline ? "offline (deterministic heuristics, not a model)" : context.Router.Description,
        };
        // A cluster job (fed with RegisterJobInputsAsync) has no instructions shard: its gate hands the work out in shards.
        bool distributed = !shards.Any(s => s.Id == SelfInstructRecipe.InstructionsShard);
        return new SelfInstructRecipe(settings, LoadSeeds(prompts.Path), target, context, metadata) { Distributed = distributed, SeedsPath = prompts.Path };
    }
}
