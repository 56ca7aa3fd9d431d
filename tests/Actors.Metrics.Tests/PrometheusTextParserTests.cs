using Actors.Metrics.Prometheus;
using Actors.Metrics.Snapshots;

namespace Actors.Metrics.Tests;

/// <summary>The strict parser accepts well-formed exposition text and names every rule a text breaks.</summary>
public sealed class PrometheusTextParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private const string Valid = """
        # HELP actors_stream_stage_in_total Elements a stage took.\nSecond line with a backslash \\.
        # TYPE actors_stream_stage_in_total counter
        actors_stream_stage_in_total{graph="g",stage="parse"} 10
        actors_stream_stage_in_total{graph="g",stage="quote \" slash \\ newline \n"} 3
        # TYPE actors_stream_stage_queue_depth gauge
        actors_stream_stage_queue_depth{graph="g",stage="parse",} -1.5e3 1700000000000
        # a plain comment
        # TYPE actors_latency_seconds histogram
        actors_latency_seconds_bucket{device="gpu0",le="0.1"} 1
        actors_latency_seconds_bucket{device="gpu0",le="1"} 3
        actors_latency_seconds_bucket{device="gpu0",le="+Inf"} 4
        actors_latency_seconds_sum{device="gpu0"} 7.25
        actors_latency_seconds_count{device="gpu0"} 4

        """;

    [Fact]
    public void AWellFormedText_ParsesWithoutErrors()
    {
        var result = PrometheusTextParser.Parse(Valid, Now);

        Assert.Empty(result.Errors);
        var snapshot = result.Snapshot!;
        var counter = snapshot.Find("actors_stream_stage_in_total")!;
        Assert.Equal("Elements a stage took.\nSecond line with a backslash \\.", counter.Help);
        Assert.Equal(3, counter.Series.Single(s => s.Label("stage").StartsWith("quote", StringComparison.Ordinal)).Value);
        Assert.Equal("quote \" slash \\ newline \n", counter.Series[1].Label("stage"));
        Assert.Equal(-1500, snapshot.Find("actors_stream_stage_queue_depth")!.Series.Single().Value);
        var histogram = snapshot.Find("actors_latency_seconds")!.Series.Single().Histogram!;
        Assert.Equal(4, histogram.Count);
        Assert.Equal(7.25, histogram.Sum);
        Assert.Equal([new HistogramBucket(0.1, 1), new HistogramBucket(1, 3)], histogram.Buckets);
    }

    [Theory]
    [InlineData("# TYPE a_total counter\na_total 1", "does not end with a line feed")]
    [InlineData("a_total 1\n", "has no TYPE line")]
    [InlineData("a_total 1\n# TYPE a_total counter\n", "has no TYPE line")]
    [InlineData("# TYPE a_total counter\n# TYPE a_total counter\na_total 1\n", "second TYPE line")]
    [InlineData("# HELP a_total x\n# HELP a_total y\n# TYPE a_total counter\na_total 1\n", "second HELP line")]
    [InlineData("# TYPE a_total counter\na_total 1\n# TYPE b gauge\nb 1\na_total{x=\"1\"} 2\n", "not together")]
    [InlineData("# TYPE a counter\na 1\n", "does not end with _total")]
    [InlineData("# TYPE a_total counter\na_total -1\n", "never negative")]
    [InlineData("# TYPE a_total counter\na_total NaN\n", "never negative")]
    [InlineData("# TYPE a_total counter\na_total 1\na_total 2\n", "duplicate series")]
    [InlineData("# TYPE a_total counter\na_total{x=\"1\",y=\"2\"} 1\na_total{y=\"2\",x=\"1\"} 2\n", "duplicate series")]
    [InlineData("# TYPE a gauge\na{x=\"1\",x=\"2\"} 1\n", "appears twice")]
    [InlineData("# TYPE a gauge\na{__x=\"1\"} 1\n", "reserved")]
    [InlineData("# TYPE a gauge\na{1x=\"1\"} 1\n", "expected a label name")]
    [InlineData("# TYPE a gauge\na{x=\"\\t\"} 1\n", "invalid escape")]
    [InlineData("# TYPE a gauge\na{x=\"open} 1\n", "unterminated")]
    [InlineData("# TYPE a gauge\na{x=1} 1\n", "to open the value")]
    [InlineData("# TYPE a gauge\na one\n", "is not a sample value")]
    [InlineData("# TYPE a gauge\na Infinity\n", "is not a sample value")]
    [InlineData("# TYPE a gauge\na 1 12.5\n", "not a timestamp")]
    [InlineData("# TYPE a gauge\na\n", "expected a blank and a value")]
    [InlineData("# TYPE a-b gauge\n", "not a valid metric name")]
    [InlineData("# TYPE a gauges\n", "unknown type")]
    [InlineData("# HELP a bad \\t escape\n# TYPE a gauge\na 1\n", "invalid escape in HELP")]
    [InlineData("# TYPE a gauge\r\na 1\n", "carriage return")]
    [InlineData("# TYPE h histogram\nh 1\n", "needs a _bucket, _sum or _count suffix")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n", "but _count is 3")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n", "not cumulative")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "does not come after")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n", "is not le=\"+Inf\"")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n", "_sum is missing")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\n", "_count is missing")]
    [InlineData("# TYPE h histogram\nh_bucket 1\n", "has no le label")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum{le=\"1\"} 1\nh_count 1\n", "must not have an le label")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"x\"} 1\n", "is not a number")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1.5\nh_sum 1\nh_count 1.5\n", "non-negative integers")]
    public void EachRuleBroken_IsReported(string text, string expectedError)
    {
        var result = PrometheusTextParser.Parse(text, Now);

        Assert.Null(result.Snapshot);
        Assert.Contains(result.Errors, e => e.Message.Contains(expectedError, StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_CarryTheirLineNumbers()
    {
        var result = PrometheusTextParser.Parse("# TYPE a gauge\na 1\nb 2\n", Now);
        Assert.Equal(3, Assert.Single(result.Errors).Line);
        Assert.StartsWith("line 3: ", Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LenientMode_ReadsOtherExporters_UntypedAsGauges_SkippingSummaries()
    {
        const string Text = """
            process_cpu_seconds 12.5
            # TYPE rpc_duration summary
            rpc_duration{quantile="0.5"} 0.2
            rpc_duration_sum 10
            rpc_duration_count 50
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{model_name="m"} 3
            """;
        var result = PrometheusTextParser.Parse(Text, Now, strict: false);

        var snapshot = result.Snapshot!;
        Assert.Equal(12.5, snapshot.Find("process_cpu_seconds")!.Series.Single().Value);
        Assert.Null(snapshot.Find("rpc_duration"));
        Assert.Equal(3, snapshot.Find("vllm:num_requests_running")!.Series.Single().Value);
    }
}
