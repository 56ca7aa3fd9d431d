using Actors.Cluster.Tests.Infrastructure;

namespace Actors.Cluster.Tests.Contract;

/// <summary>
/// What every <see cref="IRunStore"/> must do, run once per implementation (SQLite always, PostgreSQL when
/// PGTEST_CONN is set). Each test works in a fresh, isolated store location, so tests run in parallel and re-run.
/// Lease and liveness tests use TTLs of a few hundred milliseconds and poll the database clock with a generous
/// deadline; no assertion depends on how fast the machine is.
/// </summary>
public abstract partial class RunStoreContract : IAsyncLifetime
{
    protected static readonly ClusterSettings LongLeases = new() { LeaseTtl = TimeSpan.FromMinutes(5), NodeTimeout = TimeSpan.FromMinutes(5) };
    protected static readonly ClusterSettings ShortLeases = new() { LeaseTtl = TimeSpan.FromMilliseconds(300), NodeTimeout = TimeSpan.FromMilliseconds(300) };
    private static readonly TimeSpan s_pollDeadline = TimeSpan.FromSeconds(15);

    private readonly List<IRunStore> _opened = [];

    /// <summary>Settings for a new, empty store location (a fresh file or schema) that only this call returns.</summary>
    protected abstract StoreSettings NewLocation();

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
    }

    /// <summary>Opens a store on <paramref name="location"/>; disposed after the test.</summary>
    protected async Task<IRunStore> OpenAsync(StoreSettings location, ClusterSettings? cluster = null)
    {
        var store = await RunStoreFactory.OpenAsync(location, cluster ?? LongLeases);
        lock (_opened)
        {
            _opened.Add(store);
        }

        return store;
    }

    /// <summary>Opens a store on a fresh location.</summary>
    protected Task<IRunStore> OpenFreshAsync(ClusterSettings? cluster = null) => OpenAsync(NewLocation(), cluster);

    protected static async Task<RunId> NewRunAsync(IRunStore store, int shards = 4)
    {
        var run = new RunId($"run-{Guid.NewGuid():N}");
        var registration = await store.CreateRunAsync(new RunDefinition(run, "backtranslation", """{"a":1}""", "1.0.0"));
        Assert.Equal(RunRegistrationOutcome.Created, registration.Outcome);
        await store.RegisterShardsAsync(run, [.. Enumerable.Range(0, shards).Select(i => new ShardDefinition(Shard(i), $"corpus/{i}.jsonl", 1000 + i))]);
        return run;
    }

    protected static ShardId Shard(int i) => new($"s{i}");

    protected static NodeId Node(string name) => new(name);

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>Polls <paramref name="condition"/> (which reads the database clock) until it holds.</summary>
    protected static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + s_pollDeadline;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out after {s_pollDeadline.TotalSeconds} s waiting for {what}");
            await Task.Delay(50);
        }
    }

    [StoreFact]
    public async Task CreateRun_NewRun_IsStoredWithItsConfiguration()
    {
        var store = await OpenFreshAsync();
        var before = await store.GetTimeAsync();
        var run = new RunId("job-1");
        var definition = new RunDefinition(run, "self-instruct", """{"target":100}""", "0.3.1");

        var registration = await store.CreateRunAsync(definition);

        Assert.Equal(RunRegistrationOutcome.Created, registration.Outcome);
        var stored = await store.GetRunAsync(run);
        Assert.NotNull(stored);
        Assert.Equal(definition, stored.Definition);
        Assert.Equal(RunDefinition.HashConfig("""{"target":100}"""), stored.Definition.ConfigHash);
        Assert.Equal(RunState.Active, stored.State);
        Assert.InRange(stored.CreatedAt, before.AddSeconds(-1), before.AddMinutes(1));
        Assert.Null(await store.GetRunAsync(new RunId("job-2")));
        Assert.Equal([run], (await store.ListRunsAsync()).Select(r => r.Id));
    }

    [StoreFact]
    public async Task CreateRun_Again_ReportsSameOrDifferentConfigurationAndChangesNothing()
    {
        var store = await OpenFreshAsync();
        var run = new RunId("job");
        await store.CreateRunAsync(new RunDefinition(run, "backtranslation", """{"a":1}""", "1"));

        var same = await store.CreateRunAsync(new RunDefinition(run, "backtranslation", """{"a":1}""", "2"));
        var other = await store.CreateRunAsync(new RunDefinition(run, "backtranslation", """{"a":2}""", "2"));

        Assert.Equal(RunRegistrationOutcome.AlreadyExists, same.Outcome);
        Assert.Equal(RunRegistrationOutcome.ConfigurationDiffers, other.Outcome);
        Assert.Equal("""{"a":1}""", other.Run.Definition.ConfigJson);
        Assert.Equal("1", (await store.GetRunAsync(run))!.Definition.CodeVersion);
    }

    [StoreFact]
    public async Task SetRunState_ChangesTheState_AndRejectsUnknownRuns()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store);

        await store.SetRunStateAsync(run, RunState.Completed);

        Assert.Equal(RunState.Completed, (await store.GetRunAsync(run))!.State);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SetRunStateAsync(new RunId("nope"), RunState.Failed));
    }

    [StoreFact]
    public async Task RegisterShards_Twice_IsIdempotentAndReportsConflicts()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store, shards: 2);

        var again = await store.RegisterShardsAsync(run,
        [
            new ShardDefinition(Shard(0), "corpus/0.jsonl", 1000),
            new ShardDefinition(Shard(1), "corpus/1-moved.jsonl", 1001),
            new ShardDefinition(Shard(2), "corpus/2.jsonl", 5),
        ]);

        Assert.Equal(1, again.Added);
        Assert.Equal(1, again.Unchanged);
        Assert.Equal([Shard(1)], again.Conflicts);
        var shards = await store.ListShardsAsync(run);
        Assert.Equal([Shard(0), Shard(1), Shard(2)], shards.Select(s => s.Id));
        Assert.Equal("corpus/1.jsonl", shards[1].Path);
        Assert.All(shards, s => Assert.Equal(ShardState.Pending, s.State));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.RegisterShardsAsync(new RunId("nope"), [new ShardDefinition(Shard(0), "x", 1)]));
    }

    [StoreFact]
    public async Task Reopen_KeepsDataAndSchemaVersion()
    {
        var location = NewLocation();
        var first = await OpenAsync(location);
        var run = await NewRunAsync(first);
        await first.BeginCommit(run).IncrementCounter("rows", 3).CommitAsync();
        var version = first.SchemaVersion;

        var second = await OpenAsync(location);

        Assert.True(version >= 1);
        Assert.Equal(version, second.SchemaVersion);
        Assert.Equal(3, (await second.GetCountersAsync(run))["rows"]);
    }

    [StoreFact]
    public async Task Open_ManyAtOnceOnAFreshLocation_MigratesOnceAndAllWork()
    {
        var location = NewLocation();

        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => OpenAsync(location))));

        Assert.All(stores, s => Assert.Equal(stores[0].SchemaVersion, s.SchemaVersion));
        var run = await NewRunAsync(stores[0]);
        await Task.WhenAll(stores.Select(s => s.BeginCommit(run).IncrementCounter("n").CommitAsync()));
        Assert.Equal(4, (await stores[3].GetCountersAsync(run))["n"]);
    }
}
