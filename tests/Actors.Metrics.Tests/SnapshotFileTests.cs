using Actors.Metrics.Collection;
using Actors.Metrics.Snapshots;
using Actors.Metrics.Tests.TestKit;

namespace Actors.Metrics.Tests;

public sealed class SnapshotFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("actors-metrics-tests");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task WriteThenRead_GivesTheSnapshot_AndLeavesNoTemporaryFile()
    {
        using var meter = new TestMeter();
        using var collector = new MetricsCollector(new MetricsCollectorOptions { Node = "node-a" });
        meter.Meter.CreateCounter<long>(meter.Name("written")).Add(5);
        var sink = new MetricsFileSink(_dir.FullName);

        await sink.WriteAsync(collector.Collect(), CancellationToken.None);
        var result = await new MetricsFileSource(_dir.FullName).ReadAsync(CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal("node-a", result.Snapshot!.Node);
        Assert.Equal(5, result.Snapshot.Find(meter.Prom("written") + "_total")!.Sum());
        Assert.Equal([MetricsSnapshotFile.FileName], _dir.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public async Task ReadersNeverSeeAPartialFile_WhileItIsReplaced()
    {
        string path = Path.Combine(_dir.FullName, MetricsSnapshotFile.FileName);
        var big = Enumerable.Range(0, 300).Select(i => new MetricFamily
        {
            Name = $"actors_family_{i}_total",
            Type = MetricType.Counter,
            Help = new string('h', 200),
            Series = [new MetricSeries { Labels = new Dictionary<string, string> { ["i"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Value = i }],
        }).ToArray();
        await MetricsSnapshotFile.WriteAsync(path, new MetricsSnapshot { Time = DateTimeOffset.UnixEpoch, Families = big }, CancellationToken.None);

        using var done = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (int round = 0; round < 40; round++)
            {
                await MetricsSnapshotFile.WriteAsync(path, new MetricsSnapshot { Time = DateTimeOffset.UnixEpoch.AddSeconds(round), Families = big }, CancellationToken.None);
            }

            await done.CancelAsync();
        });

        int reads = 0;
        while (!done.IsCancellationRequested)
        {
            var result = await MetricsSnapshotFile.ReadAsync(path, CancellationToken.None);
            Assert.True(result.IsSuccess, result.Error);
            Assert.Equal(300, result.Snapshot!.Families.Count);
            reads++;
        }

        await writer;
        Assert.True(reads > 0);
        Assert.Single(_dir.GetFiles());
    }

    [Fact]
    public async Task AMissingOrForeignFile_IsATypedFailure()
    {
        var missing = await new MetricsFileSource(_dir.FullName).ReadAsync(CancellationToken.None);
        Assert.False(missing.IsSuccess);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);

        string path = Path.Combine(_dir.FullName, MetricsSnapshotFile.FileName);
        await File.WriteAllTextAsync(path, "{\"format\":\"something-else/9\",\"time\":\"2026-01-01T00:00:00Z\",\"families\":[]}");
        var foreign = await new MetricsFileSource(path).ReadAsync(CancellationToken.None);
        Assert.Contains("unknown metrics snapshot format", foreign.Error, StringComparison.Ordinal);

        await File.WriteAllTextAsync(path, "{\"time\": ");
        var broken = await new MetricsFileSource(path).ReadAsync(CancellationToken.None);
        Assert.Contains("not a metrics snapshot", broken.Error, StringComparison.Ordinal);
        Assert.Contains(path, broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_RejectsHistogramsWithDecreasingBuckets()
    {
        const string Json = """
            {"format":"actors-metrics/1","time":"2026-01-01T00:00:00Z","families":[{"name":"h","type":"histogram","series":[
              {"labels":{},"histogram":{"buckets":[{"upperBound":1,"cumulativeCount":5},{"upperBound":2,"cumulativeCount":3}],"sum":1,"count":5}}]}]}
            """;
        Assert.Contains("decreasing", MetricsSnapshot.FromJson(Json).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonSinkAndSource_CarrySnapshotsThroughAnyTextStore()
    {
        var rows = new Dictionary<string, string>();
        var sink = new JsonSnapshotSink((json, _) =>
        {
            rows[MetricsSnapshot.FromJson(json).Snapshot!.Node] = json;
            return Task.CompletedTask;
        });
        foreach (var (node, value) in new[] { ("a", 2.0), ("b", 3.0) })
        {
            await sink.WriteAsync(new MetricsSnapshot
            {
                Time = DateTimeOffset.UnixEpoch,
                Node = node,
                Families = [new MetricFamily { Name = "x_total", Type = MetricType.Counter, Series = [new MetricSeries { Value = value }] }],
            }, CancellationToken.None);
        }

        var source = new JsonSnapshotSource("store", _ => Task.FromResult<IReadOnlyList<string>>([.. rows.Values, "not json"]));
        var read = await source.ReadAsync(CancellationToken.None);
        Assert.Equal(["a", "b"], read.Snapshots.Select(s => s.Node).Order());
        Assert.Equal(5, read.Snapshot!.Find("x_total")!.Sum());

        var broken = new JsonSnapshotSource("store", _ => throw new InvalidOperationException("connection refused"));
        Assert.Equal("store: connection refused", (await broken.ReadAsync(CancellationToken.None)).Error);
        var empty = await new JsonSnapshotSource("store", _ => Task.FromResult<IReadOnlyList<string>>([])).ReadAsync(CancellationToken.None);
        Assert.True(empty.IsSuccess);
        Assert.Null(empty.Snapshot);
    }

    [Fact]
    public void Merge_AddsUpTheNodes()
    {
        static MetricsSnapshot Node(string node, double value, long count) => new()
        {
            Time = DateTimeOffset.UnixEpoch.AddSeconds(value),
            Node = node,
            Families =
            [
                new MetricFamily { Name = "c_total", Type = MetricType.Counter, Series = [new MetricSeries { Labels = new Dictionary<string, string> { ["stage"] = "s" }, Value = value }] },
                new MetricFamily { Name = "h", Type = MetricType.Histogram, Series = [new MetricSeries { Histogram = new HistogramData { Buckets = [new HistogramBucket(1, count)], Sum = count, Count = count } }] },
            ],
        };

        var merged = MetricsSnapshot.Merge([Node("a", 2, 1), Node("b", 5, 3)]);
        Assert.Equal(7, merged.Find("c_total")!.Sum());
        Assert.Equal(4, merged.Find("h")!.Series.Single().Histogram!.Buckets.Single().CumulativeCount);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(5), merged.Time);
    }

    [Fact]
    public async Task ThePublisher_WritesEveryInterval_AndOnceMoreWhenDisposed()
    {
        using var meter = new TestMeter();
        using var collector = new MetricsCollector();
        var counter = meter.Meter.CreateCounter<long>(meter.Name("published"));
        var clock = new ManualClock();
        var recording = new RecordingSink();
        var errors = new List<Exception>();
        var failing = new FailingSink();

        var publisher = MetricsSnapshotPublisher.Start(collector, [failing, recording], TimeSpan.FromSeconds(5), clock, errors.Add);
        await clock.WaitForArmedTimersAsync(1);
        counter.Add(1);
        clock.Advance(TimeSpan.FromSeconds(5));
        await recording.WaitForAsync(1);
        counter.Add(1);
        await publisher.DisposeAsync();

        Assert.Equal([1.0, 2.0], recording.Snapshots.Select(s => s.Find(meter.Prom("published") + "_total")!.Sum()));
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.IsType<IOException>(e));
        Assert.Equal(0, publisher.Published);
    }

    private sealed class RecordingSink : IMetricsSnapshotSink
    {
        private readonly SemaphoreSlim _written = new(0);

        public List<MetricsSnapshot> Snapshots { get; } = [];

        public ValueTask WriteAsync(MetricsSnapshot snapshot, CancellationToken cancellationToken)
        {
            lock (Snapshots)
            {
                Snapshots.Add(snapshot);
            }

            _written.Release();
            return ValueTask.CompletedTask;
        }

        public async Task WaitForAsync(int count)
        {
            for (int i = 0; i < count; i++)
            {
                Assert.True(await _written.WaitAsync(TimeSpan.FromSeconds(20)), "no snapshot was written");
            }
        }
    }

    private sealed class FailingSink : IMetricsSnapshotSink
    {
        public ValueTask WriteAsync(MetricsSnapshot snapshot, CancellationToken cancellationToken) =>
            ValueTask.FromException(new IOException("disk full"));
    }
}
