using System.CommandLine;
using Actors.Hocon;
using Actors.Metrics;
using Actors.Metrics.Dashboard;
using Actors.Metrics.Prometheus;
using Actors.Metrics.Snapshots;
using Actors.Metrics.Terminal;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors watch [DIR | --metrics URL | --store CONN] [--once] [--json] [--interval SECONDS]</c>: a live
/// dashboard of a run or node (stages, actors, devices, quality signals, progress and ETA). Reads a
/// <c>/metrics</c> endpoint (default: this machine's, on <c>actors.metrics.port</c>), a run directory's
/// <c>metrics.json</c>, or the run store. A terminal gets a live display; anything else gets plain lines.
/// </summary>
internal static class WatchCommand
{
    private const int UsageError = 2;

    /// <param name="storeSources">
    /// Opens the run store's snapshot source for <c>--store CONN</c>; when null, <c>--store</c> reports that this
    /// build cannot read metrics from a store.
    /// </param>
    public static Command Create(Func<string, IMetricsSnapshotSource>? storeSources = null)
    {
        var directory = new Argument<string?>("dir") { Description = "A run's output directory: read its metrics.json (written every actors.metrics.snapshot-interval).", Arity = ArgumentArity.ZeroOrOne };
        var metrics = new Option<string?>("--metrics") { Description = "A Prometheus endpoint to scrape, e.g. http://127.0.0.1:9464/metrics (the default when no source is given)." };
        var store = new Option<string?>("--store") { Description = "A run store connection string: show every node's latest snapshot, added up." };
        var once = new Option<bool>("--once") { Description = "Print one view and exit (1 when the source cannot be read)." };
        var json = new Option<bool>("--json") { Description = "Print JSON, one object per view and line." };
        var interval = new Option<double>("--interval") { Description = "Seconds between reads.", DefaultValueFactory = _ => 2 };
        var config = new Option<string?>("--config") { Description = "A HOCON file whose actors.metrics settings give the default endpoint." };

        var command = new Command("watch", "Live dashboard of a run or node: stage rates and queues, devices, quality signals, progress and ETA.");
        command.Arguments.Add(directory);
        command.Options.Add(metrics);
        command.Options.Add(store);
        command.Options.Add(once);
        command.Options.Add(json);
        command.Options.Add(interval);
        command.Options.Add(config);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string? dir = parseResult.GetValue(directory);
            string? url = parseResult.GetValue(metrics);
            string? connection = parseResult.GetValue(store);
            double seconds = parseResult.GetValue(interval);
            if (new[] { dir, url, connection }.Count(static s => s is not null) > 1)
            {
                await Console.Error.WriteLineAsync("actors watch: give one source: a run directory, --metrics URL or --store CONN.").ConfigureAwait(false);
                return UsageError;
            }

            if (!(seconds > 0) || seconds > 86_400)
            {
                await Console.Error.WriteLineAsync($"actors watch: --interval must be between 0 and 86400 seconds, got {seconds}.").ConfigureAwait(false);
                return UsageError;
            }

            IMetricsSnapshotSource source;
            if (connection is not null)
            {
                if (storeSources is null)
                {
                    await Console.Error.WriteLineAsync("actors watch: --store is not available in this build; watch a run directory or a --metrics URL instead.").ConfigureAwait(false);
                    return UsageError;
                }

                source = storeSources(connection);
            }
            else if (dir is not null)
            {
                source = new MetricsFileSource(dir);
            }
            else
            {
                string? problem = null;
                var target = url is not null ? ParseUrl(url) : DefaultUrl(parseResult.GetValue(config), out problem);
                if (target is null)
                {
                    await Console.Error.WriteLineAsync($"actors watch: {problem ?? $"--metrics '{url}' is not an http(s) URL."}").ConfigureAwait(false);
                    return UsageError;
                }

                source = new PrometheusScrapeSource(target);
            }

            try
            {
                var options = new WatchOptions { Once = parseResult.GetValue(once), Json = parseResult.GetValue(json), Interval = TimeSpan.FromSeconds(seconds) };
                return await MetricsWatch.RunAsync(source, TerminalOutput.Detect(), options, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (source is IAsyncDisposable asyncDisposable)
                {
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                }
                else
                {
                    (source as IDisposable)?.Dispose();
                }
            }
        });
        return command;
    }

    /// <summary>An absolute http(s) URL; a bare host:port gets <c>/metrics</c>.</summary>
    private static Uri? ParseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return uri.AbsolutePath == "/" ? new Uri(uri, "/metrics") : uri;
    }

    private static Uri? DefaultUrl(string? configFile, out string? problem)
    {
        MetricsSettings settings;
        try
        {
            settings = HoconConfig.Load(configFile).Bind<MetricsSettings>("actors.metrics");
        }
        catch (ConfigurationException e)
        {
            problem = e.Message;
            return null;
        }

        if (settings.Port == 0)
        {
            problem = "actors.metrics.port is 0 (a free port is picked at start), so the endpoint is unknown: pass --metrics URL with the URL the run printed, or the run directory.";
            return null;
        }

        string host = settings.Bind is "0.0.0.0" or "::" or "localhost" ? "127.0.0.1" : settings.Bind.Contains(':', StringComparison.Ordinal) ? $"[{settings.Bind}]" : settings.Bind;
        problem = null;
        return new Uri($"http://{host}:{settings.Port}/metrics");
    }
}
