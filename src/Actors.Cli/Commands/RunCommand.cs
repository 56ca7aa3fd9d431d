using System.CommandLine;
using System.Globalization;
using Actors.Hocon;
using Actors.Metrics;
using Actors.Metrics.Collection;
using Actors.Metrics.Endpoint;
using Actors.Metrics.Progress;
using Actors.Metrics.Snapshots;
using Actors.Metrics.Terminal;
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
        var corpus = new Option<string[]>("--corpus") { Description = "Corpus files or directories (JSONL, .jsonl.gz, WET, WARC, .txt/.md); one shard per file. Required unless --rescore is given.", AllowMultipleArgumentsPerToken = true };
        var seed = new Option<string?>("--seed") { Description = "Seed pairs (JSONL with instruction and output) mixed into train/ with the seed tag." };
        var rescore = new Option<string?>("--rescore")
        {
            Description = "Rescore mode (Humpback's next iteration): judge again the committed candidates of the backtranslation run in OUT_PREV "
                + "(its candidates/ part files, as its store lists them; a rescore run given here is followed back to its source) and write "
                + "scored/ and train/ (selection and tags as usual); nothing is relabelled and --corpus is not taken.",
            HelpName = "OUT_PREV",
        };
        var judge = new Option<string?>("--judge")
        {
            Description = "Model name score requests ask for (the judge, e.g. M1 when rescoring); only a device serving that model judges. "
                + "With --endpoint and no --model, the endpoint's model is the judge. Without --judge any device judges. "
                + "To label and judge with different models, configure one device per model in actors.inference.devices.",
            HelpName = "MODEL",
        };
        var common = CommonOptions.Create();
        var command = new Command(name, "Instruction backtranslation (Humpback): label web segments with a backward model, score them with a judge, select the best; or, with --rescore, judge an earlier run's candidates again.");
        command.Options.Add(corpus);
        command.Options.Add(seed);
        command.Options.Add(rescore);
        command.Options.Add(judge);
        common.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var corpusPaths = parseResult.GetValue(corpus) ?? [];
            var rescoreFrom = parseResult.GetValue(rescore);
            if (rescoreFrom is null && corpusPaths.Length == 0)
            {
                await Console.Error.WriteLineAsync($"actors run {name}: give --corpus PATH, or --rescore OUT_PREV to judge an earlier run's candidates again.").ConfigureAwait(false);
                return 2;
            }

            if (rescoreFrom is not null && corpusPaths.Length > 0)
            {
                await Console.Error.WriteLineAsync($"actors run {name}: --rescore and --corpus exclude each other (a rescore reads no corpus).").ConfigureAwait(false);
                return 2;
            }

            var inputs = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (rescoreFrom is not null)
            {
                inputs[BacktranslationDefinition.RescoreInput] = [rescoreFrom];
            }
            else
            {
                inputs[BacktranslationDefinition.CorpusInput] = corpusPaths;
            }

            if (parseResult.GetValue(seed) is { } seedFile)
            {
                inputs[BacktranslationDefinition.SeedInput] = [seedFile];
            }

            var judgeModel = parseResult.GetValue(judge);
            if (judgeModel is not null)
            {
                inputs[BacktranslationDefinition.JudgeInput] = [judgeModel];
            }

            // With one --endpoint and no --model, the device is asked for the judge's name.
            return await StartAsync(new BacktranslationDefinition(), inputs, common, parseResult, cancellationToken, modelFallback: judgeModel).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// Starts a run with the common options; shared by every recipe's subcommand. <c>modelFallback</c> is the model
    /// name for <c>--endpoint</c> when <c>--model</c> is not given.
    /// </summary>
    internal static async Task<int> StartAsync(IRecipeDefinition recipe, Dictionary<string, string[]> inputs, CommonOptions common, ParseResult parseResult, CancellationToken cancellationToken, string? modelFallback = null)
    {
        var endpoint = parseResult.GetValue(common.Endpoint);
        var model = parseResult.GetValue(common.Model) ?? modelFallback;
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

/// <summary>
/// Runs one attempt (start or resume) with signals, logging, metrics (Prometheus endpoint, DIR/metrics.json),
/// progress (bars in a terminal, periodic lines otherwise), the summary table and exit codes.
/// </summary>
internal static class RunAttempt
{
    public static async Task<int> ExecuteAsync(Func<AttemptOptions, CancellationToken, Task<RunResult>> attemptFn, bool exportJsonl, string name, CancellationToken cancellationToken)
    {
        var terminal = TerminalOutput.Detect();
        var log = new Action<string>(line => terminal.Error.WriteLine($"{DateTimeOffset.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {line}"));
        using var signals = new RunSignals(cancellationToken, log);
        using var collector = new MetricsCollector();
        var metrics = new RunMetrics(collector, log);
        await using var metricsScope = metrics.ConfigureAwait(false);
        var attempt = new AttemptOptions
        {
            Control = signals.Control,
            Log = log,
            ExportJsonl = exportJsonl,
            OnCommitted = n => metrics.Committed(n),
            OnShardProgress = (done, total) => metrics.Shards(done, total),
            OnConfigured = (config, layout) => metrics.StartAsync(config, layout, signals.Abort).GetAwaiter().GetResult(),
        };
        try
        {
            var result = await attemptFn(attempt, signals.Abort).ConfigureAwait(false);
            await metrics.StopAsync().ConfigureAwait(false);
            log($"{result.Status}: {metrics.CommittedRecords} records committed in this attempt");
            SummaryTable.Write(result.Summary, terminal, "Run summary");
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
        catch (InvalidOperationException e)
        {
            // A recipe that cannot go on (e.g. a model whose answers never add anything): the store is consistent.
            await Console.Error.WriteLineAsync($"{name}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"{name}: {e.Message} (the store is consistent; fix the cause and run `actors resume DIR`)").ConfigureAwait(false);
            return 1;
        }
        catch (System.Data.Common.DbException e)
        {
            // E.g. SQLite's "database or disk is full": the failed transaction rolled back, so the store is consistent.
            await Console.Error.WriteLineAsync($"{name}: the run store failed: {e.Message} (its last transaction was rolled back; fix the cause and run `actors resume DIR`)").ConfigureAwait(false);
            return 1;
        }
    }
}

/// <summary>The metrics of one attempt: endpoint, metrics.json publisher and progress display.</summary>
internal sealed class RunMetrics(MetricsCollector collector, Action<string> log) : IAsyncDisposable
{
    private MetricsEndpoint? _endpoint;
    private MetricsSnapshotPublisher? _publisher;
    private RunProgress? _progress;
    private RunProgressReporter? _reporter;
    private ProgressStage? _records;
    private ProgressStage? _shards;
    private long _committed;
    private int _shardsDone;

    public long CommittedRecords => Interlocked.Read(ref _committed);

    public async Task StartAsync(HoconConfig config, RunLayout layout, CancellationToken cancellationToken)
    {
        var settings = config.Bind<MetricsSettings>("actors.metrics");
        if (settings.Enabled)
        {
            try
            {
                _endpoint = await MetricsEndpoint.StartAsync(settings, collector, cancellationToken).ConfigureAwait(false);
                log($"metrics: {_endpoint.Uri} (Prometheus text format); watch with `actors watch --metrics {_endpoint.Uri}` or `actors watch {layout.Root}`");
            }
            catch (IOException e)
            {
                // A second run on the same machine finds the port taken: it still runs, with metrics.json only.
                log($"metrics: endpoint not started ({e.Message}); metrics.json is still written");
            }
        }

        _publisher = MetricsSnapshotPublisher.Start(collector, [new MetricsFileSink(layout.Root)], settings.SnapshotInterval, onError: e => log($"metrics: {e.Message}"));
        _progress = new RunProgress(Path.GetFileName(layout.Root));
        _records = _progress.Stage("records");
        _shards = _progress.Stage("shards");
        _reporter = RunProgressReporter.Start(_progress, TerminalOutput.Detect(), new RunProgressReporterOptions { PlainInterval = settings.ProgressInterval });
    }

    public void Committed(long records)
    {
        Interlocked.Add(ref _committed, records);
        _records?.Advance(records);
    }

    public void Shards(int done, int total)
    {
        if (_shards is null)
        {
            return;
        }

        _shards.SetExpected(total);
        int delta = done - Interlocked.Exchange(ref _shardsDone, done);
        if (delta > 0)
        {
            _shards.Advance(delta);
        }
    }

    public async Task StopAsync()
    {
        if (_reporter is not null)
        {
            await _reporter.DisposeAsync().ConfigureAwait(false);
            _reporter = null;
        }

        if (_publisher is not null)
        {
            // One last snapshot, so metrics.json agrees with the summary.
            await _publisher.PublishNowAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_publisher is not null)
        {
            await _publisher.DisposeAsync().ConfigureAwait(false);
        }

        if (_endpoint is not null)
        {
            await _endpoint.DisposeAsync().ConfigureAwait(false);
        }

        _progress?.Dispose();
    }
}
