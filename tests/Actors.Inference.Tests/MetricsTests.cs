using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Actors.FakeLlm;

namespace Actors.Inference.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task DeviceInstruments_CarryDeviceAndModelTags()
    {
        var seen = new ConcurrentBag<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == InferenceMeter.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, v, Tags(tags))));
        listener.Start();

        await using var fake = await TestDevices.StartFakeAsync(new FakeLlmOptions { Faults = FakeFaults.Only(FakeFaultKind.ServerError, 0.2), Seed = 3 });
        var device = $"metrics-{Guid.NewGuid():N}";

        // Ten attempts at a 20% fault rate: every request ends up answered (all but surely), with errors on the way.
        var settings = TestDevices.Settings((device, fake.BaseUrl)) with { Retry = new RetrySettings { MaxAttempts = 10, MinBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5) } };
        await using var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions(), CancellationToken.None);
        var outcomes = await TestDevices.RunAllAsync(router, [.. Enumerable.Range(0, 100).Select(i => TestDevices.Prompt(i))], 32);
        Assert.All(outcomes, o => Assert.IsType<InferenceOutcome.Succeeded>(o));
        listener.RecordObservableInstruments();

        double Sum(string name, string? kind = null) => seen
            .Where(m => m.Name == name && Equals(m.Tags.GetValueOrDefault("device"), device) && (kind is null || Equals(m.Tags.GetValueOrDefault("kind"), kind)))
            .Sum(m => m.Value);

        var info = router.Devices[0];
        Assert.Equal(info.Requests, Sum("actors.inference.requests"));
        Assert.Equal(info.Batches, Sum("actors.inference.batches"));
        Assert.Equal(info.TokensOut, Sum("actors.inference.tokens_out"));
        Assert.True(Sum("actors.inference.tokens_in") > 0);
        Assert.Equal(100, Sum("actors.inference.succeeded"));
        Assert.True(Sum("actors.inference.errors", "server-error") > 0);
        Assert.Equal(info.Batches, seen.Count(m => m.Name == "actors.inference.latency" && Equals(m.Tags.GetValueOrDefault("device"), device)));
        Assert.All(seen.Where(m => m.Name == "actors.inference.batch_occupancy" && Equals(m.Tags.GetValueOrDefault("device"), device)),
            m => Assert.InRange(m.Value, 0.0, 1.0));
        Assert.All(seen.Where(m => Equals(m.Tags.GetValueOrDefault("device"), device)), m => Assert.Equal(TestDevices.Model, m.Tags["model"]));
        Assert.Contains(seen, m => m.Name == "actors.inference.in_flight" && Equals(m.Tags.GetValueOrDefault("device"), device));
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
