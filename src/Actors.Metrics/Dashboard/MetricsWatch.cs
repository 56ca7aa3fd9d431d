using System.Text.Json;
using Actors.Metrics.Snapshots;
using Actors.Metrics.Terminal;
using Spectre.Console;

namespace Actors.Metrics.Dashboard;

/// <summary>
/// The logic of <c>actors watch</c>: reads a source every interval and shows a <see cref="DashboardView"/>
/// (a live Spectre display in a terminal; plain lines or JSON lines otherwise) until cancelled, or once.
/// </summary>
/// <example>
/// <code>
/// using var source = new PrometheusScrapeSource(new Uri("http://127.0.0.1:9464/metrics"));
/// int exit = await MetricsWatch.RunAsync(source, TerminalOutput.Detect(), new WatchOptions { Once = true, Json = true }, ct);
/// </code>
/// </example>
public static class MetricsWatch
{
    /// <summary>Exit code when the source could not be read in <see cref="WatchOptions.Once"/> mode.</summary>
    public const int SourceUnavailable = 1;

    /// <summary>Runs the dashboard.</summary>
    /// <returns>0, or <see cref="SourceUnavailable"/> when a single read failed; cancellation ends a live watch with 0.</returns>
    public static async Task<int> RunAsync(IMetricsSnapshotSource source, TerminalOutput output, WatchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Interval, TimeSpan.Zero, nameof(options));
        if (options.Once)
        {
            return await OnceAsync(source, output, options, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            if (output.Console is { } console && !options.Json)
            {
                await LiveAsync(source, console, options, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await LinesAsync(source, output, options, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the normal way to leave a live watch.
        }

        return 0;
    }

    /// <summary>The view of one read: the merged snapshot, rates against <paramref name="previous"/>, and node ages.</summary>
    public static DashboardView Build(MetricsReadResult result, MetricsSnapshot? previous, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        var snapshot = result.Snapshot ?? throw new ArgumentException("The read has no snapshot.", nameof(result));
        var view = DashboardView.Create(snapshot, previous);
        return view with
        {
            Nodes = [.. result.Snapshots.Select(s => new NodeStatus(s.Node, s.Time, Math.Max(0, (now - s.Time).TotalSeconds)))],
        };
    }

    /// <summary>The view as one line of JSON.</summary>
    public static string ToJson(DashboardView view) => JsonSerializer.Serialize(view, MetricsJsonContext.Default.DashboardView);

    private static async Task<int> OnceAsync(IMetricsSnapshotSource source, TerminalOutput output, WatchOptions options, CancellationToken cancellationToken)
    {
        var result = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess || result.Snapshot is null)
        {
            await output.Error.WriteLineAsync($"actors watch: {TextFormat.Clean(result.Error ?? $"{source.Description} has no snapshot yet")}").ConfigureAwait(false);
            return SourceUnavailable;
        }

        var view = Build(result, null, options.TimeProvider.GetUtcNow());
        if (options.Json)
        {
            await output.Out.WriteLineAsync(ToJson(view)).ConfigureAwait(false);
        }
        else if (output.Console is { } console)
        {
            console.Write(DashboardRenderer.Render(view, source.Description, null));
        }
        else
        {
            foreach (string line in DashboardRenderer.PlainLines(view, source.Description))
            {
                await output.Out.WriteLineAsync(line).ConfigureAwait(false);
            }
        }

        await output.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static async Task LinesAsync(IMetricsSnapshotSource source, TerminalOutput output, WatchOptions options, CancellationToken cancellationToken)
    {
        var history = new History();
        while (true)
        {
            var result = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.Snapshot is { } snapshot)
            {
                var view = Build(result, history.Before(snapshot), options.TimeProvider.GetUtcNow());
                if (options.Json)
                {
                    await output.Out.WriteLineAsync(ToJson(view)).ConfigureAwait(false);
                }
                else
                {
                    foreach (string line in DashboardRenderer.PlainLines(view, source.Description))
                    {
                        await output.Out.WriteLineAsync(line).ConfigureAwait(false);
                    }
                }
            }
            else
            {
                await output.Error.WriteLineAsync($"actors watch: {TextFormat.Clean(result.Error ?? $"{source.Description} has no snapshot yet")}").ConfigureAwait(false);
            }

            await output.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(options.Interval, options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task LiveAsync(IMetricsSnapshotSource source, IAnsiConsole console, WatchOptions options, CancellationToken cancellationToken)
    {
        var waiting = new Markup($"[grey]reading {TextFormat.Markup(source.Description)}...[/]");
        await console.Live(waiting).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async context =>
        {
            var history = new History();
            DashboardView? last = null;
            while (true)
            {
                var result = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
                string? error = null;
                if (result.Snapshot is { } snapshot)
                {
                    last = Build(result, history.Before(snapshot), options.TimeProvider.GetUtcNow());
                }
                else
                {
                    error = result.Error ?? $"{source.Description} has no snapshot yet";
                }

                context.UpdateTarget(last is null
                    ? new Markup($"[red]{TextFormat.Markup(error ?? "")}[/]")
                    : DashboardRenderer.Render(last, source.Description, error));
                context.Refresh();
                await Task.Delay(options.Interval, options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// The snapshot to compute rates against. A source read more often than it changes (a metrics.json written
    /// every 5 s, read every 2 s) returns the same snapshot again; rates then keep using the one before it.
    /// </summary>
    private sealed class History
    {
        private MetricsSnapshot? _latest;
        private MetricsSnapshot? _beforeLatest;

        public MetricsSnapshot? Before(MetricsSnapshot snapshot)
        {
            if (_latest is null || snapshot.Time > _latest.Time)
            {
                _beforeLatest = _latest;
                _latest = snapshot;
            }
            else if (snapshot.Time < _latest.Time)
            {
                // The source went back in time (a restarted process): start over.
                _beforeLatest = null;
                _latest = snapshot;
            }

            return _beforeLatest;
        }
    }
}
