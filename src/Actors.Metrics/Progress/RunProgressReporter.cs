using System.Text;
using Actors.Metrics.Terminal;
using Spectre.Console;

namespace Actors.Metrics.Progress;

/// <summary>
/// Shows a <see cref="RunProgress"/> while a run goes on: progress bars (one per stage, plus a line of
/// counters) when the output is a terminal; otherwise one plain line every
/// <see cref="RunProgressReporterOptions.PlainInterval"/>, with no control codes, and a last line when
/// disposed.
/// </summary>
/// <example>
/// <code>
/// using var progress = new RunProgress("backtranslation");
/// await using (RunProgressReporter.Start(progress, TerminalOutput.Detect(), new() { PlainInterval = settings.ProgressInterval }))
/// {
///     await RunPipelineAsync(progress, ct);
/// }
/// SummaryTable.Write(summary, TerminalOutput.Detect());
/// </code>
/// </example>
public sealed class RunProgressReporter : IAsyncDisposable
{
    private readonly RunProgress _progress;
    private readonly TerminalOutput _output;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _writeGate = new();
    private readonly ITimer? _timer;
    private readonly Task _live = Task.CompletedTask;
    private int _disposed;

    private RunProgressReporter(RunProgress progress, TerminalOutput output, RunProgressReporterOptions options)
    {
        _progress = progress;
        _output = output;
        _timeProvider = options.TimeProvider ?? progress.TimeProvider;
        if (output.Console is { } console)
        {
            _live = Task.Run(() => RunLiveAsync(console, options.RefreshInterval));
        }
        else
        {
            _timer = _timeProvider.CreateTimer(static state => ((RunProgressReporter)state!).WritePlainLine(), this, options.PlainInterval, options.PlainInterval);
        }
    }

    /// <summary>Starts showing <paramref name="progress"/> on <paramref name="output"/>.</summary>
    public static RunProgressReporter Start(RunProgress progress, TerminalOutput output, RunProgressReporterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new RunProgressReporterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PlainInterval, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RefreshInterval, TimeSpan.Zero, nameof(options));
        return new RunProgressReporter(progress, output, options);
    }

    /// <summary>The plain progress line for the model as it is now (what non-terminal output gets).</summary>
    public static string FormatLine(RunProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var line = new StringBuilder();
        line.Append('[').Append(TextFormat.Clean(progress.Run)).Append("] ").Append(TextFormat.Duration(progress.Elapsed.TotalSeconds));
        foreach (var stage in progress.Stages)
        {
            line.Append(" | ").Append(TextFormat.Clean(stage.Name)).Append(' ').Append(stage.Done);
            if (stage.Expected is { } expected)
            {
                line.Append('/').Append(expected);
                if (expected > 0)
                {
                    line.Append(" (").Append(TextFormat.Percent((double)stage.Done / expected)).Append(')');
                }
            }

            if (stage.IsCompleted)
            {
                line.Append(" done");
                continue;
            }

            line.Append(' ').Append(TextFormat.Rate(stage.PerSecond));
            if (stage.Eta is { } eta)
            {
                line.Append(" ETA ").Append(TextFormat.Duration(eta.TotalSeconds));
            }
        }

        var counters = progress.Counters;
        if (counters.Count > 0)
        {
            line.Append(" |");
            foreach (var (name, value) in counters)
            {
                line.Append(' ').Append(TextFormat.Clean(name)).Append('=').Append(value);
            }
        }

        return line.ToString();
    }

    /// <summary>Stops the display; plain output gets a final line, progress bars their final state.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
            WritePlainLine();
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _live.ConfigureAwait(false);
        _stop.Dispose();
    }

    private void WritePlainLine()
    {
        string line = FormatLine(_progress);
        lock (_writeGate)
        {
            _output.Out.WriteLine(line);
            _output.Out.Flush();
        }
    }

    private async Task RunLiveAsync(IAnsiConsole console, TimeSpan refresh)
    {
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<ProgressStage, ProgressTask>();
                ProgressTask? counters = null;
                while (true)
                {
                    bool stopping = _stop.IsCancellationRequested;
                    Update(context, tasks, ref counters, final: stopping);
                    context.Refresh();
                    if (stopping)
                    {
                        return;
                    }

                    try
                    {
                        await Task.Delay(refresh, _timeProvider, _stop.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // Loop once more to draw the final state.
                    }
                }
            }).ConfigureAwait(false);
    }

    private void Update(ProgressContext context, Dictionary<ProgressStage, ProgressTask> tasks, ref ProgressTask? counters, bool final)
    {
        foreach (var stage in _progress.Stages)
        {
            if (!tasks.TryGetValue(stage, out var task))
            {
                task = context.AddTask(TextFormat.Markup(stage.Name), autoStart: true, maxValue: 1);
                tasks.Add(stage, task);
            }

            long done = stage.Done;
            if (stage.Expected is { } expected)
            {
                task.IsIndeterminate = false;
                task.MaxValue = Math.Max(1, expected);
                task.Value = Math.Min(done, task.MaxValue);
                task.Description = TextFormat.Markup($"{stage.Name} {done}/{expected}");
            }
            else
            {
                task.IsIndeterminate = !stage.IsCompleted;
                task.Description = TextFormat.Markup($"{stage.Name} {done}");
            }

            if (stage.IsCompleted || final)
            {
                if (stage.IsCompleted)
                {
                    task.Value = task.MaxValue;
                }

                task.StopTask();
            }
        }

        var values = _progress.Counters;
        if (values.Count > 0)
        {
            string text = TextFormat.Markup(string.Join("  ", values.Select(static c => $"{c.Key}={c.Value}")));
            counters ??= context.AddTask(text, autoStart: false, maxValue: 1);
            counters.Description = text;
        }
    }
}
