using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Actors.Streams.Dsl;
using Actors.Streams.Metrics;
using Actors.Streams.Supervision;
using Actors.Streams.Tests.TestKit;

namespace Actors.Streams.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task StageCounters_ArePublishedThroughTheMeter_NamedByGraphAndStage()
    {
        using var gate = new Gate();
        var graph = $"metrics-{Guid.NewGuid():N}";
        var run = Source.Range(1, 10)
            .Select(x => x == 3 ? throw new FormatException() : x).Named("parse").WithSupervision(Deciders.Resuming)
            .RunWith(Sink.ForEachAsync<int>(async (x, ct) => { if (x == 10) { await gate.PassAsync(ct); } }).Named("write"),
                new RunOptions { Name = graph });

        await Eventually.TrueAsync(() => run.Stages.Single(s => s.Stage == "parse").In == 10, "all parsed");
        var seen = Collect(graph);
        Assert.Equal(10, seen[("actors.stream.stage.in", "parse")]);
        Assert.Equal(9, seen[("actors.stream.stage.out", "parse")]);
        Assert.Equal(1, seen[("actors.stream.stage.dropped", "parse")]);
        Assert.Equal(1, seen[("actors.stream.stage.failed", "parse")]);
        Assert.True(seen.ContainsKey(("actors.stream.stage.queue_depth", "write")));

        gate.Open();
        await run.Completion.Within();
        // A finished graph leaves the live registry.
        Assert.DoesNotContain(StreamInstruments.LiveStages, s => s.Graph == graph);
    }

    [Fact]
    public async Task AsyncStages_RecordLatency()
    {
        var graph = $"latency-{Guid.NewGuid():N}";
        var latencies = new ConcurrentBag<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StreamInstruments.MeterName && instrument.Name == "actors.stream.stage.latency")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "stage" && (string?)tag.Value == "call")
                {
                    latencies.Add(value);
                }
            }
        });
        listener.Start();

        var run = Source.Range(1, 5).SelectAsync(2, async (x, _) => { await Task.Yield(); return x; }).Named("call")
            .RunWith(Sink.Ignore<int>(), new RunOptions { Name = graph });
        await run.Completion.Within();
        Assert.Equal(5, latencies.Count);
        Assert.All(latencies, v => Assert.True(v >= 0));
    }

    private static Dictionary<(string Instrument, string Stage), long> Collect(string graph)
    {
        var seen = new Dictionary<(string, string), long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StreamInstruments.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? g = null, stage = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "graph") { g = (string?)tag.Value; }
                if (tag.Key == "stage") { stage = (string?)tag.Value; }
            }

            if (g == graph && stage is not null)
            {
                seen[(instrument.Name, stage)] = value;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
