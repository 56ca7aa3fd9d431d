using Actors.Metrics.Snapshots;

namespace Actors.Metrics.Dashboard;

/// <summary>
/// What <c>actors watch</c> shows, derived from a snapshot and (for rates) the one before it: per-stage rates
/// and queue depths, actor groups, per-device throughput, latency and errors, recipe quality signals, run
/// progress with an ETA, and the nodes the data came from.
/// </summary>
public sealed record DashboardView
{
    private const string StagePrefix = "actors_stream_stage_";
    private const string ActorPrefix = "actors_actor_";
    private const string RunPrefix = "actors_run_";

    /// <summary>The time of the snapshot shown.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Seconds between the previous snapshot and this one; null when rates are not available.</summary>
    public double? WindowSeconds { get; init; }

    /// <summary>Nodes or processes the data comes from.</summary>
    public IReadOnlyList<NodeStatus> Nodes { get; init; } = [];

    /// <summary>Stream stages, by graph and stage.</summary>
    public IReadOnlyList<StageStatus> Stages { get; init; } = [];

    /// <summary>Actor groups.</summary>
    public IReadOnlyList<ActorGroupStatus> ActorGroups { get; init; } = [];

    /// <summary>Inference devices.</summary>
    public IReadOnlyList<DeviceStatus> Devices { get; init; } = [];

    /// <summary>Recipe quality signals.</summary>
    public QualityStatus Quality { get; init; } = new();

    /// <summary>Run progress per stage.</summary>
    public IReadOnlyList<ProgressStatus> Progress { get; init; } = [];

    /// <summary>Seconds until the slowest stage with a known total is done; null when unknown.</summary>
    public double? EtaSeconds { get; init; }

    /// <summary>Builds the view of <paramref name="current"/>, with rates against <paramref name="previous"/> when given.</summary>
    public static DashboardView Create(MetricsSnapshot current, MetricsSnapshot? previous = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        double? window = previous is null ? null : (current.Time - previous.Time).TotalSeconds;
        var derive = new Derivation(current, window is > 0 ? previous : null, window is > 0 ? window : null);
        var progress = derive.Progress();
        var etas = progress.Where(static p => p.EtaSeconds is not null).Select(static p => p.EtaSeconds!.Value).ToArray();
        return new DashboardView
        {
            Time = current.Time,
            WindowSeconds = window is > 0 ? window : null,
            Nodes = current.Node.Length > 0 ? [new NodeStatus(current.Node, current.Time, 0)] : [],
            Stages = derive.Stages(),
            ActorGroups = derive.ActorGroups(),
            Devices = derive.Devices(),
            Quality = derive.Quality(),
            Progress = progress,
            EtaSeconds = etas.Length > 0 ? etas.Max() : null,
        };
    }

    /// <summary>Whether the derivations are engine families (stages, actors, run progress, the metrics machinery).</summary>
    internal static bool IsEngineFamily(string name) =>
        name.StartsWith(StagePrefix, StringComparison.Ordinal) || name.StartsWith(ActorPrefix, StringComparison.Ordinal)
        || name.StartsWith(RunPrefix, StringComparison.Ordinal) || name.StartsWith("actors_metrics_", StringComparison.Ordinal);

    private sealed class Derivation(MetricsSnapshot current, MetricsSnapshot? previous, double? window)
    {
        private readonly Dictionary<string, Dictionary<string, MetricSeries>> _previousSeries = new(StringComparer.Ordinal);

        public List<StageStatus> Stages()
        {
            var rows = new SortedDictionary<(string Graph, string Stage), StageStatus>();
            void Each(string family, Func<StageStatus, MetricSeries, StageStatus> apply)
            {
                foreach (var series in current.Find(StagePrefix + family)?.Series ?? [])
                {
                    var key = (series.Label("graph"), series.Label("stage"));
                    var row = rows.GetValueOrDefault(key) ?? new StageStatus { Graph = key.Item1, Stage = key.Item2 };
                    rows[key] = apply(row, series);
                }
            }

            Each("in_total", (r, s) => r with { In = s.Value, InPerSecond = CounterRate(StagePrefix + "in_total", s) });
            Each("out_total", (r, s) => r with { Out = s.Value, OutPerSecond = CounterRate(StagePrefix + "out_total", s) });
            Each("dropped_total", (r, s) => r with { Dropped = s.Value });
            Each("failed_total", (r, s) => r with { Failed = s.Value });
            Each("queue_depth", (r, s) => r with { QueueDepth = s.Value });
            Each("in_flight", (r, s) => r with { InFlight = s.Value });
            Each("latency_seconds", (r, s) => WindowHistogram(StagePrefix + "latency_seconds", s) is { } h
                ? r with { LatencyMs = h.Mean * 1000, LatencyP95Ms = h.Quantile(0.95) * 1000 }
                : r);
            return [.. rows.Values];
        }

        public List<ActorGroupStatus> ActorGroups()
        {
            var groups = new SortedDictionary<string, ActorGroupStatus>(StringComparer.Ordinal);
            var actors = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            void Each(string family, Func<ActorGroupStatus, MetricSeries, ActorGroupStatus> apply)
            {
                foreach (var series in current.Find(ActorPrefix + family)?.Series ?? [])
                {
                    string group = series.Label("group");
                    var row = groups.GetValueOrDefault(group) ?? new ActorGroupStatus { Group = group };
                    if (series.Labels.TryGetValue("actor", out var actor))
                    {
                        if (!actors.TryGetValue(group, out var set))
                        {
                            actors[group] = set = new HashSet<string>(StringComparer.Ordinal);
                        }

                        set.Add(actor);
                    }

                    groups[group] = apply(row, series);
                }
            }

            Each("processed_total", (r, s) => r with { Processed = r.Processed + s.Value });
            Each("failed_total", (r, s) => r with { Failed = r.Failed + s.Value });
            Each("dead_lettered_total", (r, s) => r with { DeadLettered = r.DeadLettered + s.Value });
            Each("restarts_total", (r, s) => r with { Restarts = r.Restarts + s.Value });
            Each("mailbox_depth", (r, s) => r with { MailboxDepth = r.MailboxDepth + s.Value });
            Each("latency_seconds", (r, s) => WindowHistogram(ActorPrefix + "latency_seconds", s) is { Mean: { } mean } ? r with { LatencyMs = mean * 1000 } : r);
            return [.. groups.Values.Select(g => g with
            {
                Actors = actors.TryGetValue(g.Group, out var set) ? set.Count : 0,
                ProcessedPerSecond = Rate(ActorPrefix + "processed_total", s => s.Label("group") == g.Group),
            })];
        }

        public List<DeviceStatus> Devices()
        {
            var devices = new SortedDictionary<string, DeviceBuilder>(StringComparer.Ordinal);
            foreach (var family in current.Families)
            {
                if (IsEngineFamily(family.Name))
                {
                    continue;
                }

                var kind = DeviceKind(family);
                foreach (var series in family.Series)
                {
                    if (kind is null || !series.Labels.TryGetValue("device", out var device))
                    {
                        continue;
                    }

                    if (!devices.TryGetValue(device, out var builder))
                    {
                        devices[device] = builder = new DeviceBuilder();
                    }

                    if (series.Labels.TryGetValue("model", out var model) && model.Length > 0)
                    {
                        builder.Models.Add(model);
                    }

                    builder.Add(kind.Value, series, Previous(family.Name, series));
                    if (kind == DeviceMetric.Tokens && (IsOutputTokens(family.Name) || IsOutputTokens(series.Label("kind")) || IsOutputTokens(series.Label("type"))))
                    {
                        builder.Add(DeviceMetric.OutputTokens, series, Previous(family.Name, series));
                    }
                }
            }

            return [.. devices.Select(d => d.Value.Build(d.Key, window))];
        }

        public QualityStatus Quality()
        {
            double accepted = 0, acceptedBefore = 0, similarity = 0, parse = 0;
            bool acceptedHasBefore = previous is not null;
            var drops = new Dictionary<string, double>(StringComparer.Ordinal);
            HistogramData? scores = null;
            foreach (var family in current.Families)
            {
                if (IsEngineFamily(family.Name) || family.Series.Any(static s => s.Labels.ContainsKey("device")))
                {
                    continue;
                }

                string name = family.Name;
                if (family.Type == MetricType.Histogram && name.Contains("score", StringComparison.Ordinal))
                {
                    foreach (var series in family.Series)
                    {
                        scores = HistogramData.Combine(scores, series.Histogram) ?? scores;
                    }

                    continue;
                }

                if (family.Type != MetricType.Counter)
                {
                    continue;
                }

                bool isSimilarity = name.Contains("similar", StringComparison.Ordinal);
                bool isParse = name.Contains("parse", StringComparison.Ordinal) && (name.Contains("fail", StringComparison.Ordinal) || name.Contains("error", StringComparison.Ordinal));
                bool isDrop = name.Contains("drop", StringComparison.Ordinal) || name.Contains("reject", StringComparison.Ordinal) || name.Contains("discard", StringComparison.Ordinal);
                if (name.Contains("accept", StringComparison.Ordinal) && !isDrop)
                {
                    accepted += family.Sum();
                    if (previous?.Find(name) is { } before)
                    {
                        acceptedBefore += before.Sum();
                    }
                    else
                    {
                        acceptedHasBefore = false;
                    }

                    continue;
                }

                foreach (var series in family.Series)
                {
                    string reason = series.Labels.TryGetValue("reason", out var r) && r.Length > 0 ? r : ShortName(name);
                    if (isDrop)
                    {
                        drops[reason] = drops.GetValueOrDefault(reason) + series.Value;
                    }

                    if (isSimilarity || (isDrop && reason.Contains("similar", StringComparison.OrdinalIgnoreCase)))
                    {
                        similarity += series.Value;
                    }

                    if (isParse || (isDrop && reason.Contains("parse", StringComparison.OrdinalIgnoreCase)))
                    {
                        parse += series.Value;
                    }
                }
            }

            double dropped = drops.Values.Sum();
            return new QualityStatus
            {
                Accepted = accepted,
                Dropped = dropped,
                AcceptanceRate = accepted + dropped > 0 ? accepted / (accepted + dropped) : null,
                AcceptedPerSecond = acceptedHasBefore ? MetricsMath.Rate(accepted, acceptedBefore, window) : null,
                DropsByReason = [.. drops.OrderByDescending(static d => d.Value).ThenBy(static d => d.Key, StringComparer.Ordinal).Select(static d => new CountByName(d.Key, d.Value))],
                SimilarityRejections = similarity,
                ParseFailures = parse,
                Scores = scores is null ? [] : Buckets(scores),
                MeanScore = scores?.Mean,
            };
        }

        public List<ProgressStatus> Progress()
        {
            var rows = new List<ProgressStatus>();
            var expected = current.Find(RunPrefix + "stage_expected");
            var elapsed = current.Find(RunPrefix + "stage_elapsed_seconds");
            foreach (var series in current.Find(RunPrefix + "stage_done_total")?.Series ?? [])
            {
                string run = series.Label("run"), stage = series.Label("stage");
                bool Same(MetricSeries s) => s.Label("run") == run && s.Label("stage") == stage;
                double? total = expected?.Series.FirstOrDefault(Same)?.Value;
                double? seconds = elapsed?.Series.FirstOrDefault(Same)?.Value;
                double? rate = CounterRate(RunPrefix + "stage_done_total", series)
                    ?? (seconds is > 0 ? series.Value / seconds : null);
                rows.Add(new ProgressStatus
                {
                    Run = run,
                    Stage = stage,
                    Done = series.Value,
                    Expected = total,
                    PerSecond = rate,
                    EtaSeconds = MetricsMath.EtaSeconds(series.Value, total, rate),
                });
            }

            return rows;
        }

        private double? CounterRate(string family, MetricSeries series) =>
            window is null ? null : MetricsMath.Rate(series.Value, Previous(family, series)?.Value, window);

        private double? Rate(string family, Func<MetricSeries, bool> filter) => MetricsMath.Rate(previous, current, family, filter);

        private HistogramData? WindowHistogram(string family, MetricSeries series)
        {
            var now = series.Histogram;
            var windowed = now?.Since(Previous(family, series)?.Histogram);
            // With no observation in the window, show the cumulative figures rather than nothing.
            return windowed is { Count: > 0 } ? windowed : now;
        }

        private MetricSeries? Previous(string family, MetricSeries series)
        {
            if (previous?.Find(family) is not { } before)
            {
                return null;
            }

            if (!_previousSeries.TryGetValue(family, out var index))
            {
                index = new Dictionary<string, MetricSeries>(StringComparer.Ordinal);
                foreach (var earlier in before.Series)
                {
                    index[SeriesMerger.LabelKey(earlier.Labels)] = earlier;
                }

                _previousSeries[family] = index;
            }

            return index.GetValueOrDefault(SeriesMerger.LabelKey(series.Labels));
        }

        private static DeviceMetric? DeviceKind(MetricFamily family)
        {
            string name = family.Name;
            if (family.Type == MetricType.Histogram)
            {
                return name.EndsWith("_seconds", StringComparison.Ordinal) ? DeviceMetric.Latency : null;
            }

            if (family.Type == MetricType.Gauge)
            {
                return name.Contains("in_flight", StringComparison.Ordinal) || name.Contains("inflight", StringComparison.Ordinal)
                    || name.Contains("pending", StringComparison.Ordinal) || name.Contains("queue", StringComparison.Ordinal)
                    ? DeviceMetric.InFlight : null;
            }

            return name.Contains("error", StringComparison.Ordinal) || name.Contains("fail", StringComparison.Ordinal) || name.Contains("timeout", StringComparison.Ordinal) ? DeviceMetric.Errors
                : name.Contains("token", StringComparison.Ordinal) ? DeviceMetric.Tokens
                : name.Contains("request", StringComparison.Ordinal) || name.Contains("completion", StringComparison.Ordinal) ? DeviceMetric.Requests
                : null;
        }

        private static bool IsOutputTokens(string name) =>
            name == "out" || name.Contains("_out", StringComparison.Ordinal) || name.Contains("completion", StringComparison.Ordinal)
            || name.Contains("generat", StringComparison.Ordinal) || name.Contains("output", StringComparison.Ordinal);

        private static string ShortName(string family)
        {
            string name = family.StartsWith("actors_", StringComparison.Ordinal) ? family["actors_".Length..] : family;
            return name.EndsWith("_total", StringComparison.Ordinal) ? name[..^"_total".Length] : name;
        }

        private static List<ScoreBucket> Buckets(HistogramData histogram)
        {
            var buckets = new List<ScoreBucket>(histogram.Buckets.Count + 1);
            long below = 0;
            foreach (var bucket in histogram.Buckets)
            {
                buckets.Add(new ScoreBucket(bucket.UpperBound, bucket.CumulativeCount - below));
                below = bucket.CumulativeCount;
            }

            buckets.Add(new ScoreBucket(double.PositiveInfinity, histogram.Count - below));
            return buckets;
        }
    }

    private enum DeviceMetric
    {
        Requests,
        Tokens,
        OutputTokens,
        Errors,
        Latency,
        InFlight,
    }

    private sealed class DeviceBuilder
    {
        private double _requests, _tokens, _outputTokens, _errors, _inFlight;
        private double? _requestsBefore = 0, _tokensBefore = 0, _outputTokensBefore = 0, _errorsBefore = 0;
        private HistogramData? _latency, _latencyBefore;

        public SortedSet<string> Models { get; } = new(StringComparer.Ordinal);

        public void Add(DeviceMetric kind, MetricSeries series, MetricSeries? before)
        {
            switch (kind)
            {
                case DeviceMetric.Requests:
                    _requests += series.Value;
                    _requestsBefore = Plus(_requestsBefore, before?.Value);
                    break;
                case DeviceMetric.Tokens:
                    _tokens += series.Value;
                    _tokensBefore = Plus(_tokensBefore, before?.Value);
                    break;
                case DeviceMetric.OutputTokens:
                    _outputTokens += series.Value;
                    _outputTokensBefore = Plus(_outputTokensBefore, before?.Value);
                    break;
                case DeviceMetric.Errors:
                    _errors += series.Value;
                    _errorsBefore = Plus(_errorsBefore, before?.Value);
                    break;
                case DeviceMetric.InFlight:
                    _inFlight += series.Value;
                    break;
                case DeviceMetric.Latency:
                    _latency = HistogramData.Combine(_latency, series.Histogram) ?? _latency;
                    _latencyBefore = HistogramData.Combine(_latencyBefore, before?.Histogram) ?? _latencyBefore;
                    break;
            }
        }

        public DeviceStatus Build(string device, double? window)
        {
            var windowed = _latency?.Since(_latencyBefore);
            var latency = windowed is { Count: > 0 } ? windowed : _latency;
            return new DeviceStatus
            {
                Device = device,
                Models = string.Join(",", Models),
                Requests = _requests,
                RequestsPerSecond = MetricsMath.Rate(_requests, _requestsBefore, window),
                Tokens = _tokens,
                TokensPerSecond = MetricsMath.Rate(_tokens, _tokensBefore, window),
                OutputTokens = _outputTokens,
                OutputTokensPerSecond = MetricsMath.Rate(_outputTokens, _outputTokensBefore, window),
                Errors = _errors,
                ErrorsPerSecond = MetricsMath.Rate(_errors, _errorsBefore, window),
                LatencyMs = latency?.Mean * 1000,
                LatencyP95Ms = latency?.Quantile(0.95) * 1000,
                InFlight = _inFlight,
            };
        }

        // A series missing from the previous snapshot makes the window sum unknown.
        private static double? Plus(double? sum, double? value) => sum is { } s && value is { } v ? s + v : null;
    }
}
