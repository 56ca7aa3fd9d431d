using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Actors.Metrics.Prometheus;
using Actors.Metrics.Snapshots;

namespace Actors.Metrics.Collection;

/// <summary>
/// Listens to every instrument of every meter whose name starts with <c>Actors.</c> (see
/// <see cref="MetricsCollectorOptions.MeterPrefix"/>), meters created later included, and keeps their
/// aggregates: counters and up-down counters as sums per tag set, gauges as last values, histograms in
/// explicit buckets. Recording costs a lock-free lookup and an interlocked update. <see cref="Collect"/>
/// observes the observable instruments and returns everything as a <see cref="MetricsSnapshot"/> with
/// Prometheus names. One collector per process is enough; it is thread-safe.
/// </summary>
/// <example>
/// <code>
/// using var collector = new MetricsCollector();
/// await using var endpoint = await MetricsEndpoint.StartAsync(settings, collector, ct);
/// Console.WriteLine($"metrics: {endpoint.Uri}");
/// </code>
/// </example>
public sealed class MetricsCollector : IDisposable
{
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregator> _aggregators = new();
    private readonly MetricsCollectorOptions _options;

    // Serializes Collect: observable callbacks write into the observed aggregators' plain dictionaries.
    private readonly Lock _collectGate = new();

    /// <summary>Starts listening; instruments already published are picked up at once.</summary>
    public MetricsCollector(MetricsCollectorOptions? options = null)
    {
        _options = options ?? new MetricsCollectorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxSeriesPerInstrument, 1, nameof(options));
        Node = _options.Node ?? $"{Environment.MachineName}:{Environment.ProcessId}";
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = (instrument, _) => _aggregators.TryRemove(instrument, out InstrumentAggregator? _),
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>The node name written into snapshots.</summary>
    public string Node { get; }

    /// <summary>Reads every collected instrument (observing the observable ones now) into a snapshot.</summary>
    public MetricsSnapshot Collect()
    {
        lock (_collectGate)
        {
            var aggregators = _aggregators.Values.ToArray();
            foreach (var aggregator in aggregators)
            {
                aggregator.BeginObservation();
            }

            try
            {
                _listener.RecordObservableInstruments();
            }
            catch (AggregateException e)
            {
                // One failing callback must not hide the other instruments; it is counted instead.
                MetricsInstruments.ObserveFailures.Add(e.InnerExceptions.Count);
            }

            var merger = new SeriesMerger();
            foreach (var aggregator in aggregators)
            {
                aggregator.Collect(merger);
            }

            if (merger.Conflicts > 0)
            {
                MetricsInstruments.Conflicts.Add(merger.Conflicts);
            }

            return new MetricsSnapshot { Time = _options.TimeProvider.GetUtcNow(), Node = Node, Families = merger.Build() };
        }
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!instrument.Meter.Name.StartsWith(_options.MeterPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var aggregator = CreateAggregator(instrument, _options.MaxSeriesPerInstrument);
        if (aggregator is not null)
        {
            _aggregators[instrument] = aggregator;
            listener.EnableMeasurementEvents(instrument, aggregator);
        }
    }

    private static InstrumentAggregator? CreateAggregator(Instrument instrument, int maxSeries)
    {
        var definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : null;
        MetricType? type =
            definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>) ? MetricType.Counter
            : definition == typeof(UpDownCounter<>) || definition == typeof(ObservableUpDownCounter<>)
              || definition == typeof(Gauge<>) || definition == typeof(ObservableGauge<>) ? MetricType.Gauge
            : definition == typeof(Histogram<>) ? MetricType.Histogram
            : null;
        if (type is not { } metricType)
        {
            return null;
        }

        string family = PrometheusNaming.FamilyName(instrument.Name, instrument.Unit, metricType);
        var (suffix, scale) = PrometheusNaming.Unit(instrument.Unit, metricType);
        string help = instrument.Description ?? "";
        if (instrument.IsObservable)
        {
            return new ObservedAggregator(family, metricType, help, scale, maxSeries);
        }

        if (metricType == MetricType.Histogram)
        {
            var (native, exposed) = HistogramBounds.For(instrument.Name, instrument.Unit, suffix, scale, AdvisedBounds(instrument));
            return new HistogramAggregator(family, help, scale, native, exposed, maxSeries);
        }

        return definition == typeof(Gauge<>)
            ? new LastValueAggregator(family, help, scale, maxSeries)
            : new SumAggregator(family, metricType, help, scale, maxSeries);
    }

    private static IReadOnlyList<double>? AdvisedBounds(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
        Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b).ToArray(),
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b).ToArray(),
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b).ToArray(),
        Histogram<short> h => h.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b).ToArray(),
        Histogram<byte> h => h.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b).ToArray(),
        Histogram<decimal> h => h.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b).ToArray(),
        _ => null,
    };
}
