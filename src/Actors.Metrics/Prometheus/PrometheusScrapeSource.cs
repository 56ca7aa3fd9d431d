using System.Net.Http.Headers;
using Actors.Metrics.Snapshots;

namespace Actors.Metrics.Prometheus;

/// <summary>
/// Scrapes a Prometheus text endpoint (ours, <c>http://127.0.0.1:9464/metrics</c> by default) and parses it
/// leniently, so endpoints of other exporters can be read too.
/// </summary>
public sealed class PrometheusScrapeSource : IMetricsSnapshotSource, IDisposable
{
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly TimeProvider _timeProvider;

    /// <param name="url">The metrics URL.</param>
    /// <param name="client">The HTTP client to use; one with a 10 s timeout is created (and disposed) when null.</param>
    /// <param name="timeProvider">The clock that stamps the snapshots.</param>
    public PrometheusScrapeSource(Uri url, HttpClient? client = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        Url = url;
        _ownsClient = client is null;
        _client = client ?? new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The scraped URL.</summary>
    public Uri Url { get; }

    /// <inheritdoc/>
    public string Description => Url.ToString();

    /// <inheritdoc/>
    public async ValueTask<MetricsReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        string text;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
            using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return MetricsReadResult.Failed($"{Url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            return MetricsReadResult.Failed($"{Url}: {e.Message} (is the run or node up, and is actors.metrics.port right?)");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return MetricsReadResult.Failed($"{Url}: no answer within {_client.Timeout.TotalSeconds:0} s");
        }

        var parsed = PrometheusTextParser.Parse(text, _timeProvider.GetUtcNow(), strict: false, node: Url.Authority);
        return parsed.Snapshot is { } snapshot && (snapshot.Families.Count > 0 || parsed.IsValid)
            ? MetricsReadResult.Succeeded([snapshot])
            : MetricsReadResult.Failed($"{Url}: not Prometheus text: {string.Join("; ", parsed.Errors.Take(3))}");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }
}
