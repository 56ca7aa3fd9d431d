using System.CommandLine;
using System.Globalization;
using Actors.Hocon;
using Actors.Pipelines.Backtranslation;
using Actors.Pipelines.Runs;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors run RECIPE ...</c>: starts a run of a recipe into an output directory, on the offline backend
/// unless devices are configured or <c>--endpoint</c> is given. Exit codes: 0 completed (or drained cleanly),
/// 1 the run failed, 2 bad configuration or arguments, 130 aborted.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run a recipe: backtranslation (alias humpback) or self-instruct.");
        command.Subcommands.Add(Backtranslation("backtranslation"));
        var alias = Backtranslation("humpback");
        alias.Description = "Alias of `run backtranslation`.";
        command.Subcommands.Add(alias);
        foreach (var extra in RecipeCatalog.ExtraRunCommands())
        {
            command.Subcommands.Add(extra);
        }

        return command;
    }

    private static Command Backtranslation(string name)
    {
        var corpus = new Option<string[]>("--corpus") { Description = "Corpus files or directories (JSONL, .jsonl.gz, WET, WARC, .txt/.md); one shard per file.", Required = true, AllowMultipleArgumentsPerToken = true };
        var seed = new Option<string?>("--seed") { Description = "Seed pairs (JSONL with instruction and output) mixed into train/ with the seed tag." };
        var common = CommonOptions.Create();
        var command = new Command(name, "Instruction backtranslation (Humpback): label web segments with a backward model, score them with a judge, select the best.");
        command.Options.Add(corpus);
        command.Options.Add(seed);
        common.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var inputs = new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                [BacktranslationDefinition.CorpusInput] = parseResult.GetValue(corpus) ?? [],
            };
            if (parseResult.GetValue(seed) is { } seedFile)
            {
                inputs[BacktranslationDefinition.SeedInput] = [seedFile];
            }

            return StartAsync(new BacktranslationDefinition(), inputs, common, parseResult, cancellationToken);
        });
        return command;
    }

    /// <summary>Starts a run with the common options; shared by every recipe's subcommand.</summary>
    internal static async Task<int> StartAsync(IRecipeDefinition recipe, Dictionary<string, string[]> inputs, CommonOptions common, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var endpoint = parseResult.GetValue(common.Endpoint);
        var model = parseResult.GetValue(common.Model);
        if (endpoint is not null && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            await Console.Error.WriteLineAsync($"actors run: --endpoint '{endpoint}' is not an absolute URL (e.g. http://127.0.0.1:8000/v1).").ConfigureAwait(false);
            return 2;
        }

        var request = new StartRequest
        {
            Recipe = recipe,
            OutputDirectory = parseResult.GetValue(common.Out)!,
            ConfigFile = parseResult.GetValue(common.Config),
            Inputs = inputs,
            Endpoint = endpoint is null ? null : new Uri(endpoint),
            Model = model,
        };
        return await RunAttempt.ExecuteAsync(
            (attempt, ct) => RunLauncher.StartAsync(request, attempt, ct),
            parseResult.GetValue(common.Jsonl),
            "actors run",
            cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Options every <c>run</c> subcommand takes.</summary>
internal sealed class CommonOptions
{
    private CommonOptions()
    {
    }

    public Option<string> Out { get; } = new("--out") { Description = "Output directory (created; must not hold another run).", Required = true };

    public Option<string?> Config { get; } = new("--config") { Description = "HOCON file over hocon/reference.conf." };

    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "One OpenAI-compatible server (base URL with /v1) instead of configured devices; API key from OPENAI_API_KEY." };

    public Option<string?> Model { get; } = new("--model") { Description = "Model name to request from --endpoint." };

    public Option<bool> Jsonl { get; } = new("--jsonl") { Description = "Also export every Parquet dataset as export/DATASET.jsonl." };

    public static CommonOptions Create() => new();

    public void AddTo(Command command)
    {
        command.Options.Add(Out);
        command.Options.Add(Config);
        command.Options.Add(Endpoint);
        command.Options.Add(Model);
        command.Options.Add(Jsonl);
    }
}

/// <summary>Runs one attempt (start or resume) with signals, logging and exit codes.</summary>
internal static class RunAttempt
{
    public static async Task<int> ExecuteAsync(Func<AttemptOptions, CancellationToken, Task<RunResult>> attemptFn, bool exportJsonl, string name, CancellationToken cancellationToken)
    {
        var log = new Action<string>(line => Console.Error.WriteLine($"{DateTimeOffset.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {line}"));
        using var signals = new RunSignals(cancellationToken, log);
        long committed = 0;
        var attempt = new AttemptOptions
        {
            Control = signals.Control,
            Log = log,
            ExportJsonl = exportJsonl,
            OnCommitted = n => Interlocked.Add(ref committed, n),
        };
        using var progress = new Timer(_ => log($"progress: {Interlocked.Read(ref committed)} records committed"), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        try
        {
            var result = await attemptFn(attempt, signals.Abort).ConfigureAwait(false);
            log($"{result.Status}: {Interlocked.Read(ref committed)} records committed in this attempt");
            await Console.Out.WriteLineAsync(SummaryText.Render(result.Summary)).ConfigureAwait(false);
            return result.Status.StartsWith("completed", StringComparison.Ordinal) || result.Status == "drained" ? 0 : 1;
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"{name}: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"{name}: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (OperationCanceledException) when (signals.Abort.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{name}: aborted; committed work is kept, resume with `actors resume DIR`").ConfigureAwait(false);
            return 130;
        }
        catch (DataLossException e)
        {
            await Console.Error.WriteLineAsync($"{name}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"{name}: {e.Message} (the store is consistent; fix the cause and run `actors resume DIR`)").ConfigureAwait(false);
            return 1;
        }
    }
}
