using System.Net;
using System.Net.Sockets;
using Actors.Hocon;
using Actors.Metrics.Collection;
using Actors.Metrics.Endpoint;
using Actors.Metrics.Prometheus;
using Actors.Metrics.Tests.TestKit;

namespace Actors.Metrics.Tests;

public sealed class MetricsEndpointTests
{
    private static readonly MetricsSettings AnyPort = new() { Port = 0 };

    [Fact]
    public async Task Port0_PicksAFreeLoopbackPort_AndServesStrictlyValidText()
    {
        using var meter = new TestMeter();
        using var collector = new MetricsCollector();
        var counter = meter.Meter.CreateCounter<long>(meter.Name("elements"), "{element}", "Elements with a \\ and a\nnewline in the help.");
        var latency = meter.Meter.CreateHistogram<double>(meter.Name("latency"), "ms");
        counter.Add(3, new KeyValuePair<string, object?>("stage", "quote \" back \\ nl \n"));
        latency.Record(12);
        await using var endpoint = await MetricsEndpoint.StartAsync(AnyPort, collector, CancellationToken.None);

        Assert.Equal("127.0.0.1", endpoint.Uri.Host);
        Assert.NotEqual(0, endpoint.Uri.Port);
        Assert.Equal("/metrics", endpoint.Uri.AbsolutePath);

        using var client = new HttpClient();
        using var response = await client.GetAsync(endpoint.Uri);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        string text = await response.Content.ReadAsStringAsync();

        var parsed = PrometheusTextParser.Parse(text, DateTimeOffset.UtcNow);
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors));
        var elements = parsed.Snapshot!.Find(meter.Prom("elements") + "_total")!;
        Assert.Equal("quote \" back \\ nl \n", elements.Series.Single().Label("stage"));
        Assert.Equal(3, elements.Series.Single().Value);
        Assert.Contains("stage=\"quote \\\" back \\\\ nl \\n\"", text, StringComparison.Ordinal);
        Assert.Equal(1, parsed.Snapshot.Find(meter.Prom("latency") + "_seconds")!.Series.Single().Histogram!.Count);
    }

    [Fact]
    public async Task OtherPaths_Are404()
    {
        using var collector = new MetricsCollector();
        await using var endpoint = await MetricsEndpoint.StartAsync(AnyPort, collector, CancellationToken.None);
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(endpoint.Uri, "/"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("0.0.0.0", false, "not a loopback address")]
    [InlineData("10.1.2.3", false, "allow-remote")]
    [InlineData("metrics.example", false, "not an IP address")]
    public async Task BadOrRemoteBindAddresses_AreRefused(string bind, bool allowRemote, string expected)
    {
        using var collector = new MetricsCollector();
        var settings = new MetricsSettings { Bind = bind, Port = 0, AllowRemote = allowRemote };
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => MetricsEndpoint.StartAsync(settings, collector, CancellationToken.None));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalhostAndIPv6Loopback_AreAccepted()
    {
        using var collector = new MetricsCollector();
        await using var endpoint = await MetricsEndpoint.StartAsync(new MetricsSettings { Bind = "localhost", Port = 0 }, collector, CancellationToken.None);
        Assert.Equal("127.0.0.1", endpoint.Uri.Host);
    }

    [Fact]
    public async Task APortInUse_GivesAClearIOException()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var collector = new MetricsCollector();

        var error = await Assert.ThrowsAsync<IOException>(() => MetricsEndpoint.StartAsync(new MetricsSettings { Port = port }, collector, CancellationToken.None));
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("actors.metrics.port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheScrapeSource_ReadsTheEndpointBack()
    {
        using var meter = new TestMeter();
        using var collector = new MetricsCollector();
        meter.Meter.CreateCounter<long>(meter.Name("scraped")).Add(9);
        await using var endpoint = await MetricsEndpoint.StartAsync(AnyPort, collector, CancellationToken.None);
        using var source = new PrometheusScrapeSource(endpoint.Uri);

        var result = await source.ReadAsync(CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(9, result.Snapshot!.Find(meter.Prom("scraped") + "_total")!.Sum());
    }

    [Fact]
    public async Task TheScrapeSource_ReportsAnUnreachableEndpoint()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var source = new PrometheusScrapeSource(new Uri($"http://127.0.0.1:{port}/metrics"));
        var result = await source.ReadAsync(CancellationToken.None);
        Assert.False(result.IsSuccess);
        Assert.Contains($"127.0.0.1:{port}", result.Error, StringComparison.Ordinal);
    }
}
