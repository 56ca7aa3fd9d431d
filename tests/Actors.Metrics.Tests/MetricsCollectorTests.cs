using System.Diagnostics.Metrics;
using Actors.Metrics.Collection;
using Actors.Metrics.Prometheus;
using Actors.Metrics.Snapshots;
using Actors.Metrics.Tests.TestKit;
using Actors.Streams.Dsl;

namespace Actors.Metrics.Tests;

public sealed class MetricsCollectorTests
{
    private static readonly double[] LatencyBounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    [Fact]
    public void Counters_SumPerTagSet_WhateverTheTagOrder()
    {
        using var meter = new TestMeter();
        using var collector = new MetricsCollector();
        var counter = meter.Meter.CreateCounter<long>(meter.Name("requests"), "{request}", "Requests made.");
        counter.Add(2, Tag("device", "gpu0"), Tag("model", "m"));
        counter.Add(3, Tag("model", "m"), Tag("device", "gpu0"));
        counter.Add(5, Tag("device", "gpu1"), Tag("model", "m"));
        counter.Add(7);

        var family = collector.Collect().Find(meter.Prom("requests") + "_total");
        Assert.NotNull(family);
        Assert.Equal(MetricType.Counter, family.Type);
        Assert.Equal("Requests made.", family.Help);
        Assert.Equal(3, family.Series.Count);
        Assert.Equal(5, family.Series.Single(s => s.Label("device") == "gpu0").Value);
        Assert.Equal(5, family.Series.Single(s => s.Label("device") == "gpu1").Value);
        Assert.Equal(7, family.Series.Single(s => s.Labels.Count == 0).Value);
    }

    [Fact]
    public void ConcurrentRecording_LosesNothing()
    {
        using var meter = new TestMeter();
        using var collector = new MetricsCollector();
        var longs = meter.Meter.CreateCounter<long>(meter.Name("long"));
        var doubles = meter.Meter.CreateCounter<double>(meter.Name("double"));
        var histogram = meter.Meter.CreateHistogram<double>(meter.Name("latency"), "ms");
        const int PerThread = 20_000;
        Parallel.For(0, 4, worker =>
        {
            var tags = new[] { Tag("worker", worker % 2) };
            for (int i = 0; i < PerThread; i++)
            {
                longs.Add(1, tags);
                doubles.Add(0.5, tags);
                histogram.Record(i % 7, tags);
            }
        });

        var snapshot = collector.Collect();
        Assert.Equal(4 * PerThread, snapshot.Find(meter.Prom("long") + "_total")!.Sum());
        Assert.Equal(2 * PerThread, snapshot.Find(meter.Prom("double") + "_total")!.Sum());
        var latency = snapshot.Find(meter.Prom("latency") + "_seconds")!;
        Assert.Equal(2, latency.Series.Count);
        Assert.Equal(4 * PerThread, latency.Series.Sum(s => s.Histogram!.Count));
    }

    [Fact]
    public void GaugesAndUpDownCounters_BecomeGauges()
    {
        using var meter = new TestMeter();
        using var collector = new MetricsCollector();
        var inFlight = meter.Meter.CreateUpDownCounter<int>(meter.Name("in_flight"));
        var temperature = meter.Meter.CreateGauge<double>(meter.Name("temperature"));
        int observed = 41;
        meter.Meter.CreateObservableGauge(meter.Name("observed"), () => new Measurement<int>(observed, Tag("device", "gpu0")));
        inFlight.Add(5);
        inFlight.Add(-2);
        temperature.Record(70);
        temperature.Record(65.5);

        observed++;
        var snapshot = collector.Collect();
        Assert.Equal(3, snapshot.Find(meter.Prom("in_flight"))!.Series.Single().Value);
        Assert.Equal(MetricType.Gauge, snapshot.Find(meter.Prom("in_flight"))!.Type);
        Assert.Equal(65.5, snapshot.Find(meter.Prom("temperature"))!.Series.Single().Value);
        Assert.Equal(42, snapshot.Find(meter.Prom("observed"))!.Series.Single().Value);

        observed = 7;
        Assert.Equal(7, collector.Collect().Find(meter.Prom("observed"))!.Series.Single().Value);
    }

    [Fact]
    public void ObservedSeries_ThatAreNoLongerReported_Disappear()
    {
        using var meter = new TestMeter();
        using var collector = new MetricsCollector();
        var live = new List<string> { "a", "b" };
        meter.Meter.CreateObservableCounter(meter.Name("done"), () => live.Select(n => new Measurement<long>(10, Tag("stage", n))).ToArray());

        Assert.Equal(2, collector.Collect().Find(meter.Prom("done") + "_total")!.Series.Count);
        live.Remove("a");
        Assert.Equal("b", collector.Collect().Find(meter.Prom("done") + "_total")!.Series.Single().Label("stage"));
    }

    [Fact]
    public void AFailingObservableCallback_DoesNotHideTheOthers()
    {
        using var meter = new TestMeter();
        using var collector = new MetricsCollector();
        meter.Meter.CreateObservableGauge(meter.Name("broken"), (Func<long>)(() => throw new InvalidOperationException("boom")));
        meter.Meter.CreateObservableGauge(meter.Name("fine"), () => 3L);

        var snapshot = collector.Collect();
        Assert.Equal(3, snapshot.Find(meter.Prom("fine"))!.Series.Single().Value);
        Assert.Null(snapshot.Find(meter.Prom("broken")));
    }

    [Fact]
    public void MillisecondHistograms_AreExposedInSeconds_WithInclusiveUpperBounds()
    {
        using var meter = new TestMeter();
        using var collector = new MetricsCollector();
        var latency = meter.Meter.CreateHistogram<double>(meter.Name("latency"), "ms", "Latency.");
        latency.Record(5);      // exactly on the 0.005 s bound: belongs to le="0.005"
        latency.Record(7);      // 0.007 s -> le="0.01"
        latency.Record(400_000); // beyond the last bound -> only +Inf
        latency.Record(double.NaN); // ignored

        var histogram = collector.Collect().Find(meter.Prom("latency") + "_seconds")!.Series.Single().Histogram!;
        Assert.Equal(3, histogram.Count);
        Assert.Equal(400.012, histogram.Sum, 9);
        Assert.Equal(LatencyBounds, histogram.Buckets.Select(b => b.UpperBound));
        Assert.Equal(0, histogram.Buckets.Single(b => b.UpperBound == 0.0025).CumulativeCount);
        Assert.Equal(1, histogram.Buckets.Single(b => b.UpperBound == 0.005).CumulativeCount);
        Assert.Equal(2, histogram.Buckets.Single(b => b.UpperBound == 0.01).CumulativeCount);
        Assert.Equal(2, histogram.Buckets[^1].CumulativeCount);
    }

    [Fact]
    public void Histograms_HonourAdvisedBounds_AndScoresGetOneBucketPerRating()
    {
        using var meter = new TestMeter();
        using var collector = new MetricsCollector();
        var advised = meter.Meter.CreateHistogram<long>(meter.Name("batch"), "{request}", null, null,
            new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16] });
        var scores = meter.Meter.CreateHistogram<int>(meter.Name("score"), "{score}");
        advised.Record(3);
        foreach (int rating in new[] { 5, 5, 4, 1, 3 })
        {
            scores.Record(rating);
        }

        var snapshot = collector.Collect();
        var batch = snapshot.Find(meter.Prom("batch"))!.Series.Single().Histogram!;
        Assert.Equal([1.0, 4, 16], batch.Buckets.Select(b => b.UpperBound));
        Assert.Equal([0L, 1, 1], batch.Buckets.Select(b => b.CumulativeCount));

        var score = snapshot.Find(meter.Prom("score"))!.Series.Single().Histogram!;
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (double)i), score.Buckets.Select(b => b.UpperBound));
        Assert.Equal([0L, 1, 1, 2, 3, 5, 5, 5, 5, 5, 5], score.Buckets.Select(b => b.CumulativeCount));
        Assert.Equal(3.6, score.Mean!.Value, 9);
    }

    [Fact]
    public void OnlyActorsMeters_AreCollected_IncludingOnesCreatedLater_AndDisposedOnesVanish()
    {
        using var collector = new MetricsCollector();
        string id = Guid.NewGuid().ToString("N")[..8];
        using var foreign = new Meter("Other." + id);
        foreign.CreateCounter<long>($"foreign.{id}").Add(1);
        var late = new Meter("Actors.Late." + id);
        late.CreateCounter<long>($"late.{id}").Add(4);

        var snapshot = collector.Collect();
        Assert.Null(snapshot.Find($"foreign_{id}_total"));
        Assert.Equal(4, snapshot.Find($"late_{id}_total")!.Sum());

        late.Dispose();
        Assert.Null(collector.Collect().Find($"late_{id}_total"));
    }

    [Fact]
    public void TooManyTagSets_FoldIntoOneOverflowSeries()
    {
        using var meter = new TestMeter();
        using var collector = new MetricsCollector(new MetricsCollectorOptions { MaxSeriesPerInstrument = 3 });
        var counter = meter.Meter.CreateCounter<long>(meter.Name("per_id"));
        for (int i = 0; i < 10; i++)
        {
            counter.Add(1, Tag("id", i));
        }

        var family = collector.Collect().Find(meter.Prom("per_id") + "_total")!;
        Assert.Equal(4, family.Series.Count);
        Assert.Equal(7, family.Series.Single(s => s.Label("actors_overflow") == "true").Value);
        Assert.Equal(10, family.Sum());
    }

    [Fact]
    public void TagValues_OfAnyType_BecomeInvariantText_AndLabelNamesAreSanitized()
    {
        using var meter = new TestMeter();
        using var collector = new MetricsCollector();
        var counter = meter.Meter.CreateCounter<long>(meter.Name("typed"));
        counter.Add(1, Tag("gpu.index", 3), Tag("ratio", 0.5), Tag("ok", true), Tag("none", null), Tag("le", "x"));

        var labels = collector.Collect().Find(meter.Prom("typed") + "_total")!.Series.Single().Labels;
        Assert.Equal("3", labels["gpu_index"]);
        Assert.Equal("0.5", labels["ratio"]);
        Assert.Equal("true", labels["ok"]);
        Assert.Equal("", labels["none"]);
        Assert.Equal("x", labels["tag_le"]);
    }

    [Fact]
    public void TwoInstrumentsWithOneName_AreMergedWhenCompatible_AndSkippedOtherwise()
    {
        using var meter = new TestMeter();
        using var other = new Meter(meter.Meter.Name + ".second");
        using var collector = new MetricsCollector();
        meter.Meter.CreateCounter<long>(meter.Name("shared")).Add(2);
        other.CreateCounter<long>(meter.Name("shared")).Add(3);
        meter.Meter.CreateCounter<long>(meter.Name("clash")).Add(1);
        other.CreateUpDownCounter<long>(meter.Name("clash_total")).Add(1);

        var snapshot = collector.Collect();
        Assert.Equal(5, snapshot.Find(meter.Prom("shared") + "_total")!.Sum());
        Assert.Single(snapshot.Families, f => f.Name == meter.Prom("clash") + "_total");
        Assert.Empty(PrometheusTextParser.Parse(snapshot.ToPrometheusText(), snapshot.Time).Errors);
    }

    [Fact]
    public async Task StreamStages_FromARealGraph_AreCollected()
    {
        using var collector = new MetricsCollector();
        string graph = $"collector-{Guid.NewGuid():N}";
        var release = new TaskCompletionSource();
        var run = Source.Range(1, 20)
            .Select(x => x * 2).Named("double")
            .RunWith(Sink.ForEachAsync<int>(async (x, ct) =>
            {
                if (x == 40)
                {
                    await release.Task.WaitAsync(ct);
                }
            }).Named("sink"), new RunOptions { Name = graph });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        MetricSeries? doubled = null;
        while (doubled is not { Value: 20 })
        {
            doubled = collector.Collect().Find("actors_stream_stage_in_total")?.Series
                .SingleOrDefault(s => s.Label("graph") == graph && s.Label("stage") == "double");
            await Task.Delay(5, timeout.Token);
        }

        var snapshot = collector.Collect();
        Assert.Contains(snapshot.Find("actors_stream_stage_queue_depth")!.Series, s => s.Label("graph") == graph && s.Label("stage") == "sink");
        release.SetResult();
        await run.Completion.WaitAsync(timeout.Token);
        Assert.Empty(PrometheusTextParser.Parse(collector.Collect().ToPrometheusText(), snapshot.Time).Errors);
    }
}
