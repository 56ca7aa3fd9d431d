using Actors.Metrics.Prometheus;
using Actors.Metrics.Snapshots;

namespace Actors.Metrics.Tests;

public sealed class PrometheusNamingTests
{
    [Theory]
    [InlineData("actors.stream.stage.in", "{element}", MetricType.Counter, "actors_stream_stage_in_total")]
    [InlineData("actors.stream.stage.queue_depth", "{element}", MetricType.Gauge, "actors_stream_stage_queue_depth")]
    [InlineData("actors.stream.stage.latency", "ms", MetricType.Histogram, "actors_stream_stage_latency_seconds")]
    [InlineData("actors.inference.latency", "s", MetricType.Histogram, "actors_inference_latency_seconds")]
    [InlineData("actors.inference.tokens", "{token}", MetricType.Counter, "actors_inference_tokens_total")]
    [InlineData("actors.parquet.written", "By", MetricType.Counter, "actors_parquet_written_bytes_total")]
    [InlineData("actors.requests_total", null, MetricType.Counter, "actors_requests_total")]
    [InlineData("actors.cache.hit_ratio", "1", MetricType.Gauge, "actors_cache_hit_ratio")]
    [InlineData("actors.cache.usage", "1", MetricType.Gauge, "actors_cache_usage_ratio")]
    [InlineData("actors.device.throughput", "{token}/s", MetricType.Gauge, "actors_device_throughput_per_second")]
    [InlineData("actors.net.rate", "By/s", MetricType.Gauge, "actors_net_rate_bytes_per_second")]
    [InlineData("actors.weird-name/x", "", MetricType.Gauge, "actors_weird_name_x")]
    [InlineData("9lives", null, MetricType.Gauge, "_9lives")]
    [InlineData("actors.wait_seconds", "s", MetricType.Histogram, "actors_wait_seconds")]
    public void FamilyNames_FollowThePrometheusConventions(string instrument, string? unit, MetricType type, string expected) =>
        Assert.Equal(expected, PrometheusNaming.FamilyName(instrument, unit, type));

    [Theory]
    [InlineData("ms", 1e-3)]
    [InlineData("us", 1e-6)]
    [InlineData("ns", 1e-9)]
    [InlineData("s", 1)]
    [InlineData("KiBy", 1024)]
    [InlineData("{element}", 1)]
    public void Units_ScaleToTheBaseUnit(string unit, double scale) =>
        Assert.Equal(scale, PrometheusNaming.Unit(unit, MetricType.Gauge).Scale);

    [Theory]
    [InlineData("stage", "stage")]
    [InlineData("device.id", "device_id")]
    [InlineData("le", "tag_le")]
    [InlineData("quantile", "tag_quantile")]
    [InlineData("__name__", "tag___name__")]
    [InlineData("1st", "_1st")]
    [InlineData("a:b", "a_b")]
    public void LabelNames_AreSanitizedAndAvoidReservedNames(string tag, string expected)
    {
        string label = PrometheusNaming.SanitizeLabelName(tag);
        Assert.Equal(expected, label);
        Assert.True(PrometheusNaming.IsValidLabelName(label));
    }
}
