using System.CommandLine;
using System.Globalization;
using Actors.Cluster;
using Actors.Hocon;
using Actors.Pipelines.Backtranslation;
using Actors.Pipelines.Runs;
using Actors.Pipelines.SelfInstruct;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors feed --store CONN --job NAME [--recipe backtranslation] --corpus PATH... --out DIR</c> (or
/// <c>--rescore OUT_PREV</c>), or <c>--recipe self-instruct --seeds FILE --target N</c>: registers a job and its shards
/// in the cluster store, idempotently (feeding the same shard again changes nothing; new files are added).
/// </summary>
internal static class FeedCommand
{
    public static Command Create()
    {
        var store = new Option<string>("--store") { Description = "PostgreSQL connection string of the cluster (or set ACTORS_STORE).", Required = false };
        var job = new Option<string>("--job") { Description = "Job name (the run id).", Required = true };
        var recipe = new Option<string>("--recipe") { Description = "backtranslation (or humpback) or self-instruct.", DefaultValueFactory = _ => "backtranslation" };
        var corpus = new Option<string[]>("--corpus") { Description = "backtranslation: corpus files or directories; one shard per file.", AllowMultipleArgumentsPerToken = true };
        var seed = new Option<string?>("--seed") { Description = "backtranslation: seed pairs for the train set." };
        var rescore = new Option<string?>("--rescore") { Description = "backtranslation: judge again the committed candidates of the run in OUT_PREV (no --corpus).", HelpName = "OUT_PREV" };
        var judge = new Option<string?>("--judge") { Description = "backtranslation: model name score requests ask for.", HelpName = "MODEL" };
        var seeds = new Option<string?>("--seeds") { Description = "self-instruct: seed tasks (JSONL)." };
        var target = new Option<int?>("--target") { Description = "self-instruct: machine-generated instructions to collect." };
        var output = new Option<string>("--out") { Description = "Shared output directory every node can write.", Required = true };
        var config = new Option<string?>("--config") { Description = "HOCON file with the job's settings." };
        var command = new Command("feed", "Register a job and its shards with a cluster store (idempotent).");
        foreach (var option in new Option[] { store, job, recipe, corpus, seed, rescore, judge, seeds, target, output, config })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var connection = ClusterStoreConnection.Resolve(parseResult.GetValue(store), parseResult.GetValue(config));
            if (string.IsNullOrEmpty(connection))
            {
                await Console.Error.WriteLineAsync("actors feed: give --store CONN or set ACTORS_STORE.").ConfigureAwait(false);
                return 2;
            }

            var recipeName = parseResult.GetValue(recipe) == "humpback" ? BacktranslationRecipe.Name : parseResult.GetValue(recipe);
            var definition = RecipeCatalog.All.FirstOrDefault(r => r.Name == recipeName);
            if (definition is null)
            {
                await Console.Error.WriteLineAsync($"actors feed: unknown recipe '{parseResult.GetValue(recipe)}'; known: {string.Join(", ", RecipeCatalog.All.Select(r => r.Name))}.").ConfigureAwait(false);
                return 2;
            }

            // Options of one recipe given to the other are mistakes, not something to ignore.
            var backtranslationOnly = new Option[] { corpus, seed, rescore, judge }.Where(o => parseResult.GetResult(o) is not null).Select(o => o.Name).ToList();
            var selfInstructOnly = new Option[] { seeds, target }.Where(o => parseResult.GetResult(o) is not null).Select(o => o.Name).ToList();
            var foreign = definition is SelfInstructDefinition ? backtranslationOnly : selfInstructOnly;
            if (foreign.Count > 0)
            {
                await Console.Error.WriteLineAsync($"actors feed: {string.Join(", ", foreign)} do not apply to recipe {definition.Name}.").ConfigureAwait(false);
                return 2;
            }

            try
            {
                var configFile = parseResult.GetValue(config) is { } c ? Path.GetFullPath(c) : null;
                var hocon = HoconConfig.Load(configFile);
                var inputs = new Dictionary<string, string[]>(StringComparer.Ordinal);
                if (definition is SelfInstructDefinition)
                {
                    if (parseResult.GetValue(seeds) is not { } seedTasks || parseResult.GetValue(target) is not { } count)
                    {
                        await Console.Error.WriteLineAsync("actors feed: recipe self-instruct needs --seeds FILE and --target N.").ConfigureAwait(false);
                        return 2;
                    }

                    inputs[SelfInstructDefinition.SeedsInput] = [Path.GetFullPath(seedTasks)];
                    inputs[SelfInstructDefinition.TargetInput] = [count.ToString(CultureInfo.InvariantCulture)];
                }
                else
                {
                    var corpusPaths = parseResult.GetValue(corpus) ?? [];
                    if (parseResult.GetValue(rescore) is { } rescoreFrom)
                    {
                        inputs[BacktranslationDefinition.RescoreInput] = [Path.GetFullPath(rescoreFrom)];
                    }

                    if (corpusPaths.Length > 0 || !inputs.ContainsKey(BacktranslationDefinition.RescoreInput))
                    {
                        inputs[BacktranslationDefinition.CorpusInput] = [.. corpusPaths.Select(Path.GetFullPath)];
                    }

                    if (parseResult.GetValue(seed) is { } seedFile)
                    {
                        inputs[BacktranslationDefinition.SeedInput] = [Path.GetFullPath(seedFile)];
                    }

                    if (parseResult.GetValue(judge) is { } judgeModel)
                    {
                        inputs[BacktranslationDefinition.JudgeInput] = [judgeModel];
                    }
                }

                definition.ValidateInputs(inputs, hocon);
                var layout = new RunLayout(parseResult.GetValue(output)!);
                layout.EnsureWritable();
                var run = new RunId(parseResult.GetValue(job)!);
                var storeSettings = hocon.Bind<StoreSettings>("actors.store") with { Kind = StoreKind.Postgres, Connection = connection };
                var manifest = RunManifest.Create(run.Value, definition.Name, hocon, configFile, inputs, storeSettings);
                var opened = await RunStoreFactory.OpenAsync(storeSettings, hocon.Bind<ClusterSettings>("actors.cluster"), cancellationToken: cancellationToken).ConfigureAwait(false);
                await using var storeScope = opened.ConfigureAwait(false);
                var registration = await opened.CreateRunAsync(new RunDefinition(run, definition.Name, manifest.ConfigJson, manifest.CodeVersion), cancellationToken).ConfigureAwait(false);
                if (registration.Outcome == RunRegistrationOutcome.ConfigurationDiffers)
                {
                    await Console.Error.WriteLineAsync($"actors feed: job {run.Value} exists with another configuration; shards are added with the job's original settings.").ConfigureAwait(false);
                }

                await JobRegistry.SaveAsync(opened, manifest, layout.Root, cancellationToken).ConfigureAwait(false);
                await definition.RegisterJobInputsAsync(opened, run, inputs, hocon, cancellationToken).ConfigureAwait(false);
                if (!File.Exists(layout.RunFile))
                {
                    await manifest.SaveAsync(layout.RunFile, cancellationToken).ConfigureAwait(false);
                }

                var shards = await opened.ListShardsAsync(run, cancellationToken).ConfigureAwait(false);
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"job {run.Value}: {shards.Count} shard(s) registered ({shards.Count(s => s.State == ShardState.Done)} done)")).ConfigureAwait(false);
                return 0;
            }
            catch (ConfigurationException e)
            {
                await Console.Error.WriteLineAsync($"actors feed: {e.Message}").ConfigureAwait(false);
                return 2;
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"actors feed: {e.Message}").ConfigureAwait(false);
                return 2;
            }
        });
        return command;
    }
}
