using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Actors.Metrics.Collection;
using Actors.Metrics.Progress;
using Actors.Metrics.Prometheus;
using Actors.Metrics.Snapshots;
using Actors.Metrics.Tests.TestKit;
using Actors.Streams.Metrics;

namespace Actors.Metrics.Tests;

/// <summary>cluster/grafana-dashboard.json is a well-formed dashboard whose queries use the names we expose.</summary>
public sealed partial class GrafanaDashboardTests
{
    // The Actors.Inference instruments (meter "Actors.Inference"), by instrument name, kind and unit.
    private static readonly (string Name, MetricType Type, string Unit)[] InferenceInstruments =
    [
        ("actors.inference.requests", MetricType.Counter, "{request}"),
        ("actors.inference.succeeded", MetricType.Counter, "{request}"),
        ("actors.inference.tokens_in", MetricType.Counter, "{token}"),
        ("actors.inference.tokens_out", MetricType.Counter, "{token}"),
        ("actors.inference.errors", MetricType.Counter, "{request}"),
        ("actors.inference.restarts", MetricType.Counter, "{restart}"),
        ("actors.inference.retries", MetricType.Counter, "{request}"),
        ("actors.inference.dead_letters", MetricType.Counter, "{request}"),
        ("actors.inference.cache_hits", MetricType.Counter, "{request}"),
        ("actors.inference.cache_misses", MetricType.Counter, "{request}"),
        ("actors.inference.in_flight", MetricType.Gauge, "{request}"),
        ("actors.inference.latency", MetricType.Histogram, "ms"),
        ("actors.inference.batch_occupancy", MetricType.Histogram, "1"),
        ("actors.store.commits", MetricType.Counter, ""),
        ("actors.store.commit.duration", MetricType.Histogram, "ms"),
    ];

    [Fact]
    public void TheDashboard_IsWellFormed()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "cluster", "grafana-dashboard.json")));
        var root = document.RootElement;
        Assert.Equal("actors-overview", root.GetProperty("uid").GetString());
        Assert.True(root.GetProperty("schemaVersion").GetInt32() >= 36);
        var panels = root.GetProperty("panels").EnumerateArray().ToArray();
        Assert.True(panels.Length > 10);
        Assert.Equal(panels.Length, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        foreach (var panel in panels)
        {
            var grid = panel.GetProperty("gridPos");
            Assert.InRange(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32(), 1, 24);
            if (panel.GetProperty("type").GetString() == "row")
            {
                continue;
            }

            var targets = panel.GetProperty("targets").EnumerateArray().ToArray();
            Assert.NotEmpty(targets);
            Assert.All(targets, t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString())));
        }

        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToArray();
        foreach (string expr in Expressions(root))
        {
            foreach (Match use in VariableUse().Matches(expr))
            {
                Assert.True(use.Groups[1].Value.StartsWith("__", StringComparison.Ordinal) || variables.Contains(use.Groups[1].Value), $"unknown variable ${use.Groups[1].Value} in {expr}");
            }

            Assert.Equal(expr.Count(c => c == '('), expr.Count(c => c == ')'));
        }
    }

    [Fact]
    public void TheDashboard_UsesTheNamesOurInstrumentsGet()
    {
        var known = EngineFamilies();
        foreach (var (name, type, unit) in InferenceInstruments)
        {
            known.Add(PrometheusNaming.FamilyName(name, unit, type));
        }

        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "cluster", "grafana-dashboard.json")));
        var used = Expressions(document.RootElement).SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).ToHashSet();
        foreach (string name in used)
        {
            if (name.StartsWith("actors_pipeline_", StringComparison.Ordinal))
            {
                continue; // Recipe metrics: named by the convention in the dashboard view's docs.
            }

            string family = Regex.Replace(name, "_(bucket|sum|count)$", "");
            Assert.True(known.Contains(name) || known.Contains(family), $"{name} is not a name any Actors instrument gets; known: {string.Join(", ", known.Order())}");
        }

        Assert.Contains("actors_stream_stage_queue_depth", used);
        Assert.Contains("actors_inference_tokens_out_total", used);
        Assert.Contains("actors_run_stage_done_total", used);
    }

    /// <summary>The families of the engine's own meters (streams, actors, run progress, metrics), from their instruments.</summary>
    private static HashSet<string> EngineFamilies()
    {
        // Touch the static instrument holders so their meters publish.
        _ = StreamInstruments.LiveStages;
        _ = ActorInstruments.LiveActors;
        _ = MetricsInstruments.SnapshotFailures;
        using (new RunProgress("dashboard-test"))
        {
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name is StreamInstruments.MeterName or "Actors.Run" or "Actors.Metrics")
                {
                    var type = instrument.GetType().Name.Contains("Counter", StringComparison.Ordinal) && !instrument.GetType().Name.Contains("UpDown", StringComparison.Ordinal)
                        ? MetricType.Counter
                        : instrument.GetType().Name.Contains("Histogram", StringComparison.Ordinal) ? MetricType.Histogram : MetricType.Gauge;
                    lock (names)
                    {
                        names.Add(PrometheusNaming.FamilyName(instrument.Name, instrument.Unit, type));
                    }
                }
            },
        };
        listener.Start();
        return names;
    }

    private static IEnumerable<string> Expressions(JsonElement root) =>
        root.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!);

    [GeneratedRegex(@"\bactors_[a-z0-9_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"\$([A-Za-z_]+)")]
    private static partial Regex VariableUse();
}
