using System.Net;
using System.Net.Sockets;
using System.Text;
using Actors.Hocon;
using Actors.Metrics.Collection;
using Actors.Metrics.Prometheus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Metrics.Endpoint;

/// <summary>
/// The Prometheus endpoint of a process: <c>GET /metrics</c> on Kestrel, answering with a fresh
/// <see cref="MetricsCollector.Collect"/> in text format 0.0.4; every other path is 404. It listens on
/// loopback unless the configuration explicitly allows another address (<c>actors.metrics.allow-remote</c>).
/// It installs no signal handlers, so Ctrl+C stays with the command that hosts it.
/// </summary>
public sealed class MetricsEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsEndpoint(WebApplication app, Uri uri)
    {
        _app = app;
        Uri = uri;
    }

    /// <summary>The URL of the metrics, with the real port when the configured one was 0.</summary>
    public Uri Uri { get; }

    /// <summary>Starts listening on <see cref="MetricsSettings.Bind"/>:<see cref="MetricsSettings.Port"/>.</summary>
    /// <exception cref="ConfigurationException">The bind address is not an IP address or <c>localhost</c>, is not loopback without <c>allow-remote</c>, or the port is out of range.</exception>
    /// <exception cref="IOException">The address cannot be bound (for example, the port is in use).</exception>
    public static async Task<MetricsEndpoint> StartAsync(MetricsSettings settings, MetricsCollector collector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(collector);
        var address = ResolveBind(settings);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(MetricsEndpoint).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, settings.Port);
        });
        builder.Services.AddRoutingCore();
        // The default console lifetime would take SIGINT/SIGTERM from the hosting command.
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        var app = builder.Build();
        app.MapGet("/metrics", (HttpContext context) => ServeAsync(context, collector));

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException(
                $"The metrics endpoint cannot listen on {Format(address, settings.Port)}: {e.Message} " +
                "Set actors.metrics.port (or ACTORS_METRICS_PORT) to a free port, or 0 to pick one.", e);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? $"http://{Format(address, settings.Port)}";
        return new MetricsEndpoint(app, new Uri(new Uri(bound), "/metrics"));
    }

    /// <summary>Stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ServeAsync(HttpContext context, MetricsCollector collector)
    {
        string text = collector.Collect().ToPrometheusText();
        context.Response.ContentType = PrometheusTextWriter.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted).ConfigureAwait(false);
    }

    private static IPAddress ResolveBind(MetricsSettings settings)
    {
        if (settings.Port is < 0 or > 65535)
        {
            throw new ConfigurationException($"actors.metrics.port = {settings.Port} is not a TCP port; use 0..65535 (0 picks a free one).");
        }

        string bind = settings.Bind.Trim();
        IPAddress address;
        if (string.Equals(bind, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(bind.Trim('[', ']'), out address!))
        {
            throw new ConfigurationException($"actors.metrics.bind = \"{settings.Bind}\" is not an IP address; use 127.0.0.1, ::1 or localhost.");
        }

        if (!IPAddress.IsLoopback(address) && !settings.AllowRemote)
        {
            throw new ConfigurationException(
                $"actors.metrics.bind = \"{settings.Bind}\" is not a loopback address, which would expose metrics to the network. " +
                "Use 127.0.0.1, or set actors.metrics.allow-remote = true if you mean it.");
        }

        return address;
    }

    private static string Format(IPAddress address, int port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";

    /// <summary>A host lifetime that neither waits for nor reacts to console signals.</summary>
    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
