using Actors.Metrics.Dashboard;
using Actors.Metrics.Snapshots;

namespace Actors.Metrics.Tests;

public sealed class DashboardViewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static MetricSeries S(double value, params (string Name, string Value)[] labels) =>
        new() { Labels = labels.ToDictionary(l => l.Name, l => l.Value), Value = value };

    private static MetricSeries H(HistogramData histogram, params (string Name, string Value)[] labels) =>
        new() { Labels = labels.ToDictionary(l => l.Name, l => l.Value), Histogram = histogram };

    private static MetricFamily F(string name, MetricType type, params MetricSeries[] series) => new() { Name = name, Type = type, Series = series };

    private static HistogramData Latency(long fast, long slow) => new()
    {
        Buckets = [new HistogramBucket(0.1, fast), new HistogramBucket(1, fast + slow)],
        Sum = (fast * 0.05) + (slow * 0.5),
        Count = fast + slow,
    };

    private static MetricsSnapshot At(double seconds, double scale) => new()
    {
        Time = T0.AddSeconds(seconds),
        Node = "n1",
        Families =
        [
            F("actors_stream_stage_in_total", MetricType.Counter, S(100 * scale, ("graph", "g"), ("stage", "label"))),
            F("actors_stream_stage_out_total", MetricType.Counter, S(90 * scale, ("graph", "g"), ("stage", "label"))),
            F("actors_stream_stage_queue_depth", MetricType.Gauge, S(7, ("graph", "g"), ("stage", "label"))),
            F("actors_stream_stage_latency_seconds", MetricType.Histogram, H(Latency((long)(10 * scale), (long)(2 * scale)), ("graph", "g"), ("stage", "label"))),
            F("actors_actor_processed_total", MetricType.Counter, S(10 * scale, ("group", "pool"), ("actor", "a")), S(30 * scale, ("group", "pool"), ("actor", "b"))),
            F("actors_actor_mailbox_depth", MetricType.Gauge, S(1, ("group", "pool"), ("actor", "a")), S(2, ("group", "pool"), ("actor", "b"))),
            F("actors_inference_requests_total", MetricType.Counter, S(50 * scale, ("device", "gpu0"), ("model", "m1")), S(20 * scale, ("device", "gpu1"), ("model", "m1"))),
            F("actors_inference_tokens_total", MetricType.Counter, S(1000 * scale, ("device", "gpu0"), ("kind", "prompt")), S(500 * scale, ("device", "gpu0"), ("kind", "completion"))),
            F("actors_inference_errors_total", MetricType.Counter, S(2 * scale, ("device", "gpu0"), ("reason", "timeout"))),
            F("actors_inference_in_flight", MetricType.Gauge, S(4, ("device", "gpu0"))),
            F("actors_inference_latency_seconds", MetricType.Histogram, H(Latency((long)(40 * scale), (long)(10 * scale)), ("device", "gpu0"), ("model", "m1"))),
            F("actors_pipeline_accepted_total", MetricType.Counter, S(60 * scale, ("recipe", "self-instruct"))),
            F("actors_pipeline_dropped_total", MetricType.Counter, S(25 * scale, ("reason", "too_long")), S(10 * scale, ("reason", "similarity")), S(5 * scale, ("reason", "parse_failure"))),
            F("actors_pipeline_parse_failures_total", MetricType.Counter, S(3 * scale)),
            F("actors_pipeline_score", MetricType.Histogram, H(new HistogramData
            {
                Buckets = [.. Enumerable.Range(0, 6).Select(i => new HistogramBucket(i, new long[] { 0, 1, 1, 3, 6, 10 }[i]))],
                Sum = 37,
                Count = 10,
            })),
            F("actors_run_stage_done_total", MetricType.Counter, S(200 * scale, ("run", "r"), ("stage", "generate"))),
            F("actors_run_stage_expected", MetricType.Gauge, S(1000, ("run", "r"), ("stage", "generate"))),
            F("actors_run_stage_elapsed_seconds", MetricType.Gauge, S(100, ("run", "r"), ("stage", "generate"))),
        ],
    };

    [Fact]
    public void OneSnapshot_GivesTotalsWithoutWindowRates_AndAnEtaFromTheAverageRate()
    {
        var view = DashboardView.Create(At(0, 1));

        Assert.Null(view.WindowSeconds);
        var stage = Assert.Single(view.Stages);
        Assert.Equal(("g", "label", 100.0, 7.0), (stage.Graph, stage.Stage, stage.In, stage.QueueDepth));
        Assert.Null(stage.InPerSecond);
        var progress = Assert.Single(view.Progress);
        Assert.Equal(2, progress.PerSecond);        // 200 done in 100 s
        Assert.Equal(400, progress.EtaSeconds);      // 800 left at 2/s
        Assert.Equal(400, view.EtaSeconds);
    }

    [Fact]
    public void TwoSnapshots_GiveRatesOverTheWindow()
    {
        var view = DashboardView.Create(At(10, 2), At(0, 1));

        Assert.Equal(10, view.WindowSeconds);
        var stage = Assert.Single(view.Stages);
        Assert.Equal(10, stage.InPerSecond);
        Assert.Equal(9, stage.OutPerSecond);
        // Window: 10 fast (50 ms) and 2 slow (500 ms) observations.
        Assert.Equal(((10 * 0.05) + (2 * 0.5)) / 12 * 1000, stage.LatencyMs!.Value, 6);

        var group = Assert.Single(view.ActorGroups);
        Assert.Equal(("pool", 2, 80.0, 3.0), (group.Group, group.Actors, group.Processed, group.MailboxDepth));
        Assert.Equal(4, group.ProcessedPerSecond);

        var gpu0 = view.Devices.Single(d => d.Device == "gpu0");
        Assert.Equal("m1", gpu0.Models);
        Assert.Equal(5, gpu0.RequestsPerSecond);
        Assert.Equal(150, gpu0.TokensPerSecond);
        Assert.Equal(1000, gpu0.OutputTokens);
        Assert.Equal(50, gpu0.OutputTokensPerSecond);
        Assert.Equal(4, gpu0.Errors);
        Assert.Equal(0.2, gpu0.ErrorsPerSecond);
        Assert.Equal(4, gpu0.InFlight);
        Assert.True(gpu0.LatencyP95Ms > 100 && gpu0.LatencyP95Ms <= 1000, $"p95 {gpu0.LatencyP95Ms}");
        Assert.Equal(2, view.Devices.Single(d => d.Device == "gpu1").RequestsPerSecond);

        Assert.Equal(20, Assert.Single(view.Progress).PerSecond); // 200 more in 10 s
        Assert.Equal(30, view.EtaSeconds);                         // 600 left
    }

    [Fact]
    public void QualitySignals_AreRecognisedByName()
    {
        var quality = DashboardView.Create(At(10, 2), At(0, 1)).Quality;

        Assert.Equal(120, quality.Accepted);
        Assert.Equal(80, quality.Dropped);
        Assert.Equal(0.6, quality.AcceptanceRate);
        Assert.Equal(6, quality.AcceptedPerSecond);
        Assert.Equal(["too_long", "similarity", "parse_failure"], quality.DropsByReason.Select(d => d.Name));
        Assert.Equal(20, quality.SimilarityRejections);
        Assert.Equal(10 + 6, quality.ParseFailures);
        Assert.Equal([0.0, 1, 0, 2, 3, 4, 0], quality.Scores.Select(b => b.Count));
        Assert.Equal(3.7, quality.MeanScore);
    }

    [Fact]
    public void TheInferenceMetersNames_FillTheDeviceRow()
    {
        using var meter = new TestKit.TestMeter();
        using var collector = new Collection.MetricsCollector();
        string device = "gpu-" + meter.Id;
        var tags = new KeyValuePair<string, object?>[] { new("device", device), new("model", "m") };
        long requests = 0, tokensIn = 0, tokensOut = 0;
        meter.Meter.CreateObservableCounter("actors.inference.requests", () => new System.Diagnostics.Metrics.Measurement<long>(requests, tags), "{request}");
        meter.Meter.CreateObservableCounter("actors.inference.tokens_in", () => new System.Diagnostics.Metrics.Measurement<long>(tokensIn, tags), "{token}");
        meter.Meter.CreateObservableCounter("actors.inference.tokens_out", () => new System.Diagnostics.Metrics.Measurement<long>(tokensOut, tags), "{token}");
        meter.Meter.CreateObservableCounter("actors.inference.errors", () => new System.Diagnostics.Metrics.Measurement<long>(1, [.. tags, new("kind", "timeout")]), "{request}");
        meter.Meter.CreateObservableGauge("actors.inference.in_flight", () => new System.Diagnostics.Metrics.Measurement<long>(3, tags), "{request}");
        meter.Meter.CreateHistogram<double>("actors.inference.latency", "ms").Record(250, tags);

        var first = collector.Collect();
        requests = 10;
        tokensIn = 2000;
        tokensOut = 500;
        var second = collector.Collect();
        var view = DashboardView.Create(
            new MetricsSnapshot { Time = T0.AddSeconds(5), Families = second.Families },
            new MetricsSnapshot { Time = T0, Families = first.Families });

        var row = view.Devices.Single(d => d.Device == device);
        Assert.Equal(("m", 2.0, 500.0, 100.0, 1.0, 3.0), (row.Models, row.RequestsPerSecond!.Value, row.TokensPerSecond!.Value, row.OutputTokensPerSecond!.Value, row.Errors, row.InFlight));
        Assert.Equal(250, row.LatencyMs!.Value, 6);
    }

    [Fact]
    public void ACounterThatWentDown_HasNoRate()
    {
        var view = DashboardView.Create(At(10, 1), At(0, 2));
        Assert.Null(view.Stages.Single().InPerSecond);
    }

    [Theory]
    [InlineData(50, 100.0, 5.0, 10.0)]
    [InlineData(100, 100.0, 5.0, 0.0)]
    [InlineData(50, null, 5.0, null)]
    [InlineData(50, 100.0, 0.0, null)]
    public void Eta_FromDoneTotalAndRate(double done, double? total, double? rate, double? eta) =>
        Assert.Equal(eta, MetricsMath.EtaSeconds(done, total, rate));

    [Fact]
    public void Rate_NeedsAPositiveWindowAndAMonotoneCounter()
    {
        Assert.Equal(2, MetricsMath.Rate(30, 10, 10));
        Assert.Null(MetricsMath.Rate(5, 10, 10));
        Assert.Null(MetricsMath.Rate(30, null, 10));
        Assert.Null(MetricsMath.Rate(30, 10, 0));
    }

    [Fact]
    public void HistogramQuantiles_InterpolateInsideTheBucket()
    {
        var h = new HistogramData { Buckets = [new HistogramBucket(1, 50), new HistogramBucket(2, 100)], Sum = 100, Count = 100 };
        Assert.Equal(0.5, h.Quantile(0.25));
        Assert.Equal(1.5, h.Quantile(0.75));
        Assert.Equal(2, new HistogramData { Buckets = [new HistogramBucket(1, 0), new HistogramBucket(2, 0)], Count = 3 }.Quantile(0.5));
        Assert.Null(new HistogramData { Buckets = [], Count = 0 }.Quantile(0.5));
    }
}
