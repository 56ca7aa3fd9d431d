using Actors.Metrics.Prometheus;
using Actors.Metrics.Snapshots;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Metrics.Tests;

/// <summary>Generated snapshots survive text exposition and JSON unchanged, and their text passes the strict parser.</summary>
public sealed class ExpositionRoundTripTests
{
    private static readonly DateTimeOffset Time = new(2026, 3, 1, 8, 30, 0, TimeSpan.Zero);

    [Fact]
    public void RenderedText_PassesTheStrictParser_AndReadsBackTheSameSnapshot()
    {
        var property = Prop.ForAll(Snapshots().ToArbitrary(), snapshot =>
        {
            string text = snapshot.ToPrometheusText();
            var parsed = PrometheusTextParser.Parse(text, snapshot.Time);
            Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors) + "\n" + text);
            Assert.Equal(Canonical(snapshot), Canonical(parsed.Snapshot!));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Fact]
    public void Json_RoundTripsEverySnapshot()
    {
        var property = Prop.ForAll(Snapshots().ToArbitrary(), snapshot =>
        {
            var read = MetricsSnapshot.FromJson(snapshot.ToJson());
            Assert.True(read.IsSuccess, read.Error);
            var back = read.Snapshot!;
            Assert.Equal(snapshot.Time, back.Time);
            Assert.Equal(snapshot.Node, back.Node);
            Assert.Equal(Canonical(snapshot), Canonical(back));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    /// <summary>A text form that compares families, help, types, labels, values and buckets exactly.</summary>
    internal static string Canonical(MetricsSnapshot snapshot) => string.Join("\n", snapshot.Families.Select(f =>
        $"{f.Name}|{f.Type}|{f.Help}|" + string.Join(";", f.Series.Select(s =>
            string.Join(",", s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))
            + "=" + (s.Histogram is { } h
                ? $"h({h.Count},{h.Sum:R},[{string.Join(",", h.Buckets.Select(b => $"{b.UpperBound:R}:{b.CumulativeCount}"))}])"
                : s.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture))))));

    private static Gen<MetricsSnapshot> Snapshots() =>
        from count in Gen.Choose(0, 5)
        from families in Gen.ListOf(Family(), count)
        from node in Gen.Elements("", "node-1", "host:42")
        select new MetricsSnapshot
        {
            Time = Time,
            Node = node,
            Families = [.. families.DistinctBy(f => f.Name.Replace("_total", "", StringComparison.Ordinal)).OrderBy(f => f.Name, StringComparer.Ordinal)],
        };

    private static Gen<MetricFamily> Family() =>
        from stem in Gen.Elements("alpha", "beta_x", "g:h", "stage_latency")
        from type in Gen.Elements(MetricType.Counter, MetricType.Gauge, MetricType.Histogram)
        from help in Gen.Elements("", "plain help", "back\\slash and\nnewline", "quote \" kept")
        from seriesCount in Gen.Choose(1, 4)
        from series in Gen.ListOf(Series(type), seriesCount)
        select new MetricFamily
        {
            Name = "actors_" + stem + (type == MetricType.Counter ? "_total" : ""),
            Type = type,
            Help = help,
            Series = [.. series.DistinctBy(s => Actors.Metrics.Snapshots.SeriesMerger.LabelKey(s.Labels)).OrderBy(s => Actors.Metrics.Snapshots.SeriesMerger.LabelKey(s.Labels), StringComparer.Ordinal)],
        };

    private static Gen<MetricSeries> Series(MetricType type) =>
        from labels in Labels()
        from value in type == MetricType.Counter ? Gen.Choose(0, 1_000_000).Select(i => i / 4.0) : Gen.Elements(0.0, -2.5, 1e-9, 123456789.125, double.PositiveInfinity, 3)
        from histogram in Histogram()
        select type == MetricType.Histogram
            ? new MetricSeries { Labels = labels, Histogram = histogram }
            : new MetricSeries { Labels = labels, Value = value };

    private static Gen<IReadOnlyDictionary<string, string>> Labels() =>
        from names in Gen.SubListOf(new[] { "graph", "stage", "device", "model", "reason" })
        from values in Gen.ListOf(Gen.Elements("", "a", "gpu0", "with space", "quote\"", "back\\slash", "new\nline", "ünïcödé", "{x=\"y\"}", "trailing\\"), names.Count)
        select (IReadOnlyDictionary<string, string>)names.Zip(values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);

    private static Gen<HistogramData> Histogram() =>
        from boundCount in Gen.Choose(0, 5)
        from steps in Gen.ListOf(Gen.Choose(1, 1000), boundCount)
        from increments in Gen.ListOf(Gen.Choose(0, 50), boundCount + 1)
        from sum in Gen.Choose(0, 100_000)
        select BuildHistogram(steps, increments, sum / 8.0);

    private static HistogramData BuildHistogram(IReadOnlyList<int> steps, IReadOnlyList<int> increments, double sum)
    {
        var buckets = new List<HistogramBucket>();
        double bound = -1;
        long cumulative = 0;
        for (int i = 0; i < steps.Count; i++)
        {
            bound += steps[i] / 16.0;
            cumulative += increments[i];
            buckets.Add(new HistogramBucket(bound, cumulative));
        }

        return new HistogramData { Buckets = buckets, Sum = sum, Count = cumulative + increments[^1] };
    }
}
