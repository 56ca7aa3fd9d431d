using Actors.Cluster.Tests.Infrastructure;

namespace Actors.Cluster.Tests.Contract;

/// <summary>Membership, shard leases, fencing and singletons.</summary>
public abstract partial class RunStoreContract
{
    [StoreFact]
    public async Task Nodes_AreAliveAfterHeartbeats_DeadAfterTheTimeout_AndLeftAfterLeaving()
    {
        var location = NewLocation();
        var patient = await OpenAsync(location, LongLeases);
        var strict = await OpenAsync(location, ShortLeases);
        await patient.RegisterNodeAsync(Node("a"), ["worker", "gate"], """[{"gpu":0}]""");
        await patient.RegisterNodeAsync(Node("b"), ["feeder"], "[]");

        var nodes = await patient.ListNodesAsync();
        Assert.Equal([Node("a"), Node("b")], nodes.Select(n => n.Id));
        Assert.All(nodes, n => Assert.Equal(NodeStatus.Alive, n.Status));
        Assert.Equal(["worker", "gate"], nodes[0].Roles);
        Assert.Equal("""[{"gpu":0}]""", nodes[0].DevicesJson);

        // With a 300 ms timeout, a node that stops heartbeating is reported dead on the database clock.
        await EventuallyAsync(async () => (await strict.ListNodesAsync()).All(n => n.Status == NodeStatus.Dead) ? "dead" : null, "both nodes to be dead");
        var before = (await patient.ListNodesAsync())[0].LastHeartbeat;
        Assert.True(await strict.HeartbeatAsync(Node("a")));
        Assert.True((await patient.ListNodesAsync())[0].LastHeartbeat >= before);

        await patient.LeaveAsync(Node("b"));

        Assert.Equal(NodeStatus.Left, (await patient.ListNodesAsync())[1].Status);
        Assert.False(await patient.HeartbeatAsync(Node("b")));
        Assert.False(await patient.HeartbeatAsync(Node("never-registered")));
    }

    [StoreFact]
    public async Task AcquireShards_TakesPendingShardsInOrder_UpToMaxHeld_NeverTwice()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store, shards: 5);
        await store.BeginCommit(run).CompleteShard(Shard(0), 0).FailShard(Shard(2), "unreadable").CommitAsync();

        var first = await store.AcquireShardsAsync(Node("a"), run, maxHeld: 2);
        var second = await store.AcquireShardsAsync(Node("a"), run, maxHeld: 2);
        var other = await store.AcquireShardsAsync(Node("b"), run, maxHeld: 10);

        Assert.Equal([Shard(1), Shard(3)], first.Select(l => l.Shard));
        Assert.All(first, l => Assert.Equal(Node("a"), l.Token.Owner));
        Assert.All(first, l => Assert.Equal(1, l.Token.Fence));
        Assert.Equal("corpus/1.jsonl", first[0].Path);
        Assert.Equal(1001, first[0].SizeBytes);
        Assert.Empty(second);
        Assert.Equal([Shard(4)], other.Select(l => l.Shard));
        var progress = await store.ListShardsAsync(run);
        Assert.Equal([null, Node("a"), null, Node("a"), Node("b")], progress.Select(p => p.Owner));
        Assert.NotNull(progress[1].LeaseExpiresAt);
    }

    [StoreFact]
    public async Task AcquireShards_TakesOnlyAFairShare_WhileOtherWorkersAreAlive()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store, shards: 5);
        await store.RegisterNodeAsync(Node("a"), ["worker"], "[]");
        await store.RegisterNodeAsync(Node("b"), ["worker"], "[]");
        await store.RegisterNodeAsync(Node("feeder"), ["feeder"], "[]");

        var a = await store.AcquireShardsAsync(Node("a"), run, maxHeld: 10);
        var aAgain = await store.AcquireShardsAsync(Node("a"), run, maxHeld: 10);
        var b = await store.AcquireShardsAsync(Node("b"), run, maxHeld: 10);

        Assert.Equal(3, a.Count); // ceil(5 pending / 2 live workers); the feeder does not count
        Assert.Empty(aAgain);
        Assert.Equal(2, b.Count);
        Assert.Empty(a.Select(l => l.Shard).Intersect(b.Select(l => l.Shard)));
    }

    [StoreFact]
    public async Task AcquireShards_ByConcurrentNodes_NeverGivesAShardToTwo()
    {
        var location = NewLocation();
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OpenAsync(location)));
        var run = await NewRunAsync(stores[0], shards: 12);
        for (var i = 0; i < 4; i++)
        {
            await stores[0].RegisterNodeAsync(Node($"n{i}"), ["worker"], "[]");
        }

        var taken = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => stores[i].AcquireShardsAsync(Node($"n{i}"), run, maxHeld: 12))));

        var shards = taken.SelectMany(t => t.Select(l => l.Shard)).ToList();
        Assert.Equal(shards.Count, shards.Distinct().Count());
        Assert.All(taken, t => Assert.InRange(t.Count, 0, 3));
        Assert.Equal(12, shards.Count);
    }

    [StoreFact]
    public async Task Renew_KeepsAHeldLease_AndFailsOnceReleased()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store, shards: 1);
        var lease = Assert.Single(await store.AcquireShardsAsync(Node("a"), run, 1));
        var expiry = (await store.ListShardsAsync(run))[0].LeaseExpiresAt!.Value;

        Assert.True(await store.RenewAsync(lease.Token));
        Assert.True((await store.ListShardsAsync(run))[0].LeaseExpiresAt >= expiry);
        Assert.False(await store.RenewAsync(lease.Token with { Fence = lease.Token.Fence + 1 }));
        Assert.False(await store.RenewAsync(lease.Token with { Owner = Node("b") }));
        Assert.True(await store.ReleaseAsync(lease.Token));
        Assert.False(await store.RenewAsync(lease.Token));
        Assert.False(await store.ReleaseAsync(lease.Token));
        Assert.Null((await store.ListShardsAsync(run))[0].Owner);
    }

    [StoreFact]
    public async Task ReleasedShard_IsTakenByAnotherNode_WithAHigherFence()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store, shards: 1);
        var first = Assert.Single(await store.AcquireShardsAsync(Node("a"), run, 1));
        Assert.Empty(await store.AcquireShardsAsync(Node("b"), run, 1));

        await store.ReleaseAsync(first.Token);
        var second = Assert.Single(await store.AcquireShardsAsync(Node("b"), run, 1));

        Assert.Equal(first.Token.Name, second.Token.Name);
        Assert.Equal(Node("b"), second.Token.Owner);
        Assert.True(second.Token.Fence > first.Token.Fence);
    }

    [StoreFact]
    public async Task ExpiredLease_IsTakenOver_AndTheOldOwnerIsFencedOff()
    {
        var location = NewLocation();
        var paused = await OpenAsync(location, ShortLeases);   // a node that stops renewing (SIGSTOP, partition)
        var healthy = await OpenAsync(location, LongLeases);
        var run = await NewRunAsync(healthy, shards: 1);
        var old = Assert.Single(await paused.AcquireShardsAsync(Node("old"), run, 1));

        var taken = await EventuallyAsync(async () => (await healthy.AcquireShardsAsync(Node("new"), run, 1)).SingleOrDefault(), "the expired lease to be taken over");

        Assert.Equal(old.Token.Fence + 1, taken.Token.Fence);
        Assert.False(await paused.RenewAsync(old.Token));
        var stale = paused.BeginCommit(run, old.Token)
            .AddPart(new PartFile("out", "out/late.parquet", 1, Shard(0), OrdinalSet.Of(0)))
            .MarkRecordsDone(Shard(0), OrdinalSet.Of(0))
            .IncrementCounter("rows");
        var fenced = await Assert.ThrowsAsync<FencedOffException>(() => stale.CommitAsync());
        Assert.Equal(old.Token, fenced.Token);
        Assert.Empty(await healthy.ListPartsAsync(run));
        Assert.Empty(await healthy.GetCountersAsync(run));
        Assert.Equal(OrdinalSet.Empty, await healthy.GetCommittedOrdinalsAsync(run, Shard(0)));

        await healthy.BeginCommit(run, taken.Token).MarkRecordsDone(Shard(0), OrdinalSet.Of(0)).IncrementCounter("rows").CommitAsync();
        Assert.Equal(1, (await healthy.GetCountersAsync(run))["rows"]);
    }

    [StoreFact]
    public async Task Commit_WithAnExpiredOrReleasedFence_IsFencedOff_AndWritesNothing()
    {
        var location = NewLocation();
        var shortLived = await OpenAsync(location, ShortLeases);
        var store = await OpenAsync(location, LongLeases);
        var run = await NewRunAsync(store, shards: 2);
        var released = Assert.Single(await store.AcquireShardsAsync(Node("a"), run, 1));
        await store.ReleaseAsync(released.Token);
        var expiring = await shortLived.AcquireSingletonAsync("gate", Node("a"));
        var expiresBy = (await store.GetTimeAsync()) + ShortLeases.LeaseTtl;
        Assert.NotNull(expiring);

        await Assert.ThrowsAsync<FencedOffException>(() => store.BeginCommit(run, released.Token).IncrementCounter("rows").CommitAsync());
        await EventuallyAsync(async () => await store.GetTimeAsync() > expiresBy ? "expired" : null, "the singleton to expire on the database clock");
        var expired = await Assert.ThrowsAsync<FencedOffException>(() => store.BeginCommit(run, expiring).IncrementCounter("rows").CommitAsync());
        await Assert.ThrowsAsync<FencedOffException>(() => store.BeginCommit(run).AddFence(new LeaseToken("singleton:nothing", Node("a"), 1)).IncrementCounter("rows").CommitAsync());

        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);
        Assert.Empty(await store.GetCountersAsync(run));
    }

    [StoreFact]
    public async Task Commit_WithHeldFences_Succeeds()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store, shards: 1);
        var shard = Assert.Single(await store.AcquireShardsAsync(Node("a"), run, 1));
        var gate = await store.AcquireSingletonAsync("similarity-gate", Node("a"));
        Assert.NotNull(gate);

        var result = await store.BeginCommit(run, shard.Token).AddFence(gate.Value)
            .AppendPool(new PoolEntry(0, PoolEntryKind.Generated, "x", "{}"))
            .MarkRecordsDone(Shard(0), OrdinalSet.Of(0, 1, 2))
            .CommitAsync();

        Assert.False(result.AlreadyApplied);
        Assert.Equal(3, (await store.GetCommittedOrdinalsAsync(run, Shard(0))).Count);
    }

    [StoreFact]
    public async Task Singleton_HasOneHolder_IsIdempotentForIt_AndIsTakenOverAfterExpiry()
    {
        var location = NewLocation();
        var shortLived = await OpenAsync(location, ShortLeases);
        var store = await OpenAsync(location, LongLeases);

        var held = await shortLived.AcquireSingletonAsync("similarity-gate", Node("a"));
        var again = await shortLived.AcquireSingletonAsync("similarity-gate", Node("a"));
        var other = await store.AcquireSingletonAsync("other-gate", Node("b"));

        Assert.NotNull(held);
        Assert.Equal(held, again);
        Assert.Equal(1, held.Value.Fence);
        Assert.NotNull(other);
        var taken = await EventuallyAsync(async () => await store.AcquireSingletonAsync("similarity-gate", Node("b")) is { } t ? (object)t : null, "the gate to move");
        var token = (LeaseToken)taken;
        Assert.Equal(Node("b"), token.Owner);
        Assert.Equal(2, token.Fence);
        Assert.Null(await shortLived.AcquireSingletonAsync("similarity-gate", Node("a")));
    }

    [StoreFact]
    public async Task ShardUnderASingletonLease_IsTakenLikeAShard_ButDoesNotCountAgainstMaxHeld()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store, shards: 0);
        await store.RegisterShardsAsync(run, [new ShardDefinition(new ShardId("gate"), "seeds.jsonl", 10) { Singleton = $"gate/{run.Value}" }]);
        await store.RegisterShardsAsync(run, [new ShardDefinition(Shard(0), "corpus/0.jsonl", 1000), new ShardDefinition(Shard(1), "corpus/1.jsonl", 1001)]);

        // One shard allowed: the gate comes first (registration order) and leaves room for an ordinary shard.
        var first = await store.AcquireShardsAsync(Node("a"), run, maxHeld: 1);
        var second = await store.AcquireShardsAsync(Node("a"), run, maxHeld: 1);
        var third = await store.AcquireShardsAsync(Node("a"), run, maxHeld: 1);

        Assert.Equal([new ShardId("gate")], first.Select(l => l.Shard));
        Assert.Equal([Shard(0)], second.Select(l => l.Shard));
        Assert.Empty(third);

        // The gate's lease is the singleton: nobody else can take it, it renews and fences commits like a shard lease.
        var gate = first[0].Token;
        Assert.Null(await store.AcquireSingletonAsync($"gate/{run.Value}", Node("b")));
        Assert.True(await store.RenewAsync(gate));
        await store.BeginCommit(run, gate).CompleteShard(new ShardId("gate"), 0).CommitAsync();
        Assert.Equal(ShardState.Done, (await store.ListShardsAsync(run)).Single(s => s.Id == new ShardId("gate")).State);
        Assert.True(await store.ReleaseAsync(gate));
        await Assert.ThrowsAsync<FencedOffException>(() => store.BeginCommit(run, gate).CommitAsync());
    }

    [StoreFact]
    public async Task RegisterNode_ReleasesTheLeasesOfItsPreviousIncarnation_AndLeaveReleasesToo()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store, shards: 2);
        await store.RegisterNodeAsync(Node("a"), ["worker"], "[]");
        var crashed = Assert.Single(await store.AcquireShardsAsync(Node("a"), run, 1));
        var gate = await store.AcquireSingletonAsync("gate", Node("a"));

        await store.RegisterNodeAsync(Node("a"), ["worker"], "[]"); // the process restarted under the same name

        await Assert.ThrowsAsync<FencedOffException>(() => store.BeginCommit(run, crashed.Token).IncrementCounter("x").CommitAsync());
        Assert.False(await store.RenewAsync(gate!.Value));
        var retaken = await store.AcquireShardsAsync(Node("a"), run, 2);
        Assert.Equal(2, retaken.Count);

        await store.LeaveAsync(Node("a"));

        Assert.Equal(2, (await store.AcquireShardsAsync(Node("b"), run, 2)).Count);
    }

    [StoreFact]
    public async Task NodeMetrics_LatestSnapshotPerNode_AndPruning()
    {
        var store = await OpenFreshAsync();
        await store.RecordNodeMetricsAsync(Node("a"), """{"tok_s":1}""");
        await store.RecordNodeMetricsAsync(Node("b"), """{"tok_s":5}""");
        await store.RecordNodeMetricsAsync(Node("a"), """{"tok_s":2}""");

        var latest = await store.GetLatestNodeMetricsAsync();

        Assert.Equal([Node("a"), Node("b")], latest.Select(m => m.Node));
        Assert.Equal("""{"tok_s":2}""", latest[0].SnapshotJson);
        Assert.Equal(0, await store.PruneNodeMetricsAsync(TimeSpan.FromHours(1)));
        long pruned = 0;
        await EventuallyAsync(async () => (pruned += await store.PruneNodeMetricsAsync(TimeSpan.Zero)) == 3 ? "pruned" : null, "every snapshot to be older than now");
        Assert.Empty(await store.GetLatestNodeMetricsAsync());
    }
}
