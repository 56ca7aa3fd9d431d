using System.CommandLine;
using System.Globalization;
using Actors.Cluster;
using Actors.Hocon;
using Actors.Pipelines.Backtranslation;
using Actors.Pipelines.Runs;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors feed --store CONN --job NAME --recipe R --corpus PATH... --out DIR</c>: registers a job and its shards in
/// the cluster store, idempotently (feeding the same shard again changes nothing; new files are added).
/// </summary>
internal static class FeedCommand
{
    public static Command Create()
    {
        var store = new Option<string>("--store") { Description = "PostgreSQL connection string of the cluster (or set ACTORS_STORE).", Required = false };
        var job = new Option<string>("--job") { Description = "Job name (the run id).", Required = true };
        var recipe = new Option<string>("--recipe") { Description = "backtranslation (self-instruct runs on one node in this build).", DefaultValueFactory = _ => "backtranslation" };
        var corpus = new Option<string[]>("--corpus") { Description = "Corpus files or directories; one shard per file.", Required = true, AllowMultipleArgumentsPerToken = true };
        var seed = new Option<string?>("--seed") { Description = "Seed pairs for the backtranslation train set." };
        var output = new Option<string>("--out") { Description = "Shared output directory every node can write.", Required = true };
        var config = new Option<string?>("--config") { Description = "HOCON file with the job's settings." };
        var command = new Command("feed", "Register a job and its corpus shards with a cluster store (idempotent).");
        foreach (var option in new Option[] { store, job, recipe, corpus, seed, output, config })
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

            var definition = RecipeCatalog.All.FirstOrDefault(r => r.Name == parseResult.GetValue(recipe));
            if (definition is null)
            {
                await Console.Error.WriteLineAsync($"actors feed: unknown recipe '{parseResult.GetValue(recipe)}'; known: {string.Join(", ", RecipeCatalog.All.Select(r => r.Name))}.").ConfigureAwait(false);
                return 2;
            }

            try
            {
                var configFile = parseResult.GetValue(config) is { } c ? Path.GetFullPath(c) : null;
                var hocon = HoconConfig.Load(configFile);
                var inputs = new Dictionary<string, string[]>(StringComparer.Ordinal)
                {
                    [BacktranslationDefinition.CorpusInput] = [.. (parseResult.GetValue(corpus) ?? []).Select(Path.GetFullPath)],
                };
                if (parseResult.GetValue(seed) is { } seedFile)
                {
                    inputs[BacktranslationDefinition.SeedInput] = [Path.GetFullPath(seedFile)];
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
                await definition.RegisterInputsAsync(opened, run, inputs, hocon, cancellationToken).ConfigureAwait(false);
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
