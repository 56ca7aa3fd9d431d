using Actors.Cluster.Tests.Infrastructure;

namespace Actors.Cluster.Tests.Contract;

/// <summary>The commit protocol: all or nothing, idempotent by id, progress as a set.</summary>
public abstract partial class RunStoreContract
{
    [StoreFact]
    public async Task Commit_RecordsPartsProgressAndOperatorStateTogether()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store);
        var ordinals = OrdinalSet.FromRange(0, 128);

        await using var commit = store.BeginCommit(run);
        commit.AddPart(new PartFile("candidates", "candidates/part-00007.parquet", 128, Shard(0), ordinals) { SizeBytes = 4096 })
            .MarkRecordsDone(Shard(0), ordinals)
            .IncrementCounters([new("segments", 128), new("labeled", 120)])
            .AppendPool(new PoolEntry(0, PoolEntryKind.Seed, "Write a poem.", """{"id":"seed_0"}"""))
            .AddDedupEntries("exact-dedup", [new DedupEntry("h1", "s0:1"), new DedupEntry("h2")])
            .SetOperatorState("minhash", "bands", "20")
            .AddDeadLetter(new DeadLetter("labeler", "empty generation", """{"text":"x"}""", "corpus/0.jsonl:17") { Shard = Shard(0), Ordinal = 17 });
        var result = await commit.CommitAsync();

        Assert.False(result.AlreadyApplied);
        var part = Assert.Single(await store.ListPartsAsync(run));
        Assert.Equal("candidates/part-00007.parquet", part.Part.RelativePath);
        Assert.Equal("candidates", part.Part.Dataset);
        Assert.Equal(128, part.Part.Rows);
        Assert.Equal(4096, part.Part.SizeBytes);
        Assert.Equal(Shard(0), part.Part.Shard);
        Assert.Equal(ordinals, part.Part.Ordinals);
        Assert.Equal(commit.Id, part.Commit);
        Assert.Equal(result.Sequence, part.CommitSequence);
        Assert.Equal(ordinals, await store.GetCommittedOrdinalsAsync(run, Shard(0)));
        Assert.Equal(OrdinalSet.Empty, await store.GetCommittedOrdinalsAsync(run, Shard(1)));
        var counters = await store.GetCountersAsync(run);
        Assert.Equal(128, counters["segments"]);
        Assert.Equal(120, counters["labeled"]);
        Assert.Equal([new PoolEntry(0, PoolEntryKind.Seed, "Write a poem.", """{"id":"seed_0"}""")], await ToListAsync(store.ReadPoolAsync(run)));
        Assert.Equal([new DedupEntry("h1", "s0:1"), new DedupEntry("h2")], await ToListAsync(store.ReadDedupEntriesAsync(run, "exact-dedup")));
        Assert.Equal("20", (await store.GetOperatorStateAsync(run, "minhash"))["bands"]);
        var letter = Assert.Single(await ToListAsync(store.ReadDeadLettersAsync(run)));
        Assert.Equal(new DeadLetter("labeler", "empty generation", """{"text":"x"}""", "corpus/0.jsonl:17") { Shard = Shard(0), Ordinal = 17 }, letter.Letter);
    }

    [StoreFact]
    public async Task Commit_FailingHalfWay_WritesNothingAtAll()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store);
        await store.BeginCommit(run).AppendPool(new PoolEntry(5, PoolEntryKind.Seed, "taken", "{}")).CommitAsync();

        // Parts, progress, counters, dedup, state and dead letters are applied before the pool, whose sequence 5 is
        // taken: the transaction fails after everything else was written inside it.
        var commit = store.BeginCommit(run)
            .AddPart(new PartFile("candidates", "candidates/part-1.parquet", 10, Shard(0), OrdinalSet.FromRange(0, 10)))
            .MarkRecordsDone(Shard(0), OrdinalSet.FromRange(0, 10))
            .CompleteShard(Shard(0), 10)
            .IncrementCounter("rows", 10)
            .AddDedupEntries("exact", [new DedupEntry("k")])
            .SetOperatorState("op", "k", "v")
            .AppendPool(new PoolEntry(6, PoolEntryKind.Generated, "new", "{}"))
            .AppendPool(new PoolEntry(5, PoolEntryKind.Generated, "clash", "{}"))
            .AddDeadLetter(new DeadLetter("stage", "reason", "{}", "here"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => commit.CommitAsync());

        await AssertNothingCommittedAsync(store, run);
        Assert.Equal([5L], (await ToListAsync(store.ReadPoolAsync(run))).Select(p => p.Sequence));
    }

    [StoreFact]
    public async Task Commit_UnknownShardOrReusedPartPath_WritesNothing()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store);
        await store.BeginCommit(run).AddPart(new PartFile("d", "d/part-0.parquet", 1, null, OrdinalSet.Empty)).CommitAsync();

        var unknownShard = store.BeginCommit(run).IncrementCounter("rows").MarkRecordsDone(new ShardId("ghost"), OrdinalSet.Of(1));
        var reusedPath = store.BeginCommit(run).IncrementCounter("rows").MarkRecordsDone(Shard(0), OrdinalSet.Of(1))
            .AddPart(new PartFile("d", "d/part-0.parquet", 1, null, OrdinalSet.Empty));

        var ghost = await Assert.ThrowsAsync<InvalidOperationException>(() => unknownShard.CommitAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => reusedPath.CommitAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.BeginCommit(new RunId("nope")).IncrementCounter("x").CommitAsync());

        Assert.Contains("ghost", ghost.Message, StringComparison.Ordinal);
        Assert.Empty(await store.GetCountersAsync(run));
        Assert.Equal(OrdinalSet.Empty, await store.GetCommittedOrdinalsAsync(run, Shard(0)));
        Assert.Single(await store.ListPartsAsync(run));
    }

    [StoreFact]
    public async Task MarkRecordsDone_OutOfOrderCommits_StoreTheUnion()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store);
        OrdinalSet[] batches = [OrdinalSet.Parse("40-59"), OrdinalSet.Parse("0-9,20-29"), OrdinalSet.Parse("10-19,60"), OrdinalSet.Parse("30-39")];

        for (var i = 0; i < batches.Length; i++)
        {
            await store.BeginCommit(run)
                .AddPart(new PartFile("out", $"out/part-{i}.parquet", batches[i].Count, Shard(2), batches[i]))
                .MarkRecordsDone(Shard(2), batches[i])
                .CommitAsync();
        }

        var committed = await store.GetCommittedOrdinalsAsync(run, Shard(2));
        Assert.Equal(OrdinalSet.FromRange(0, 61), committed);
        Assert.Single(committed.Ranges);
        var progress = (await store.ListShardsAsync(run))[2];
        Assert.Equal(61, progress.CommittedRecords);
        Assert.Equal(4, progress.Parts);
        Assert.Equal(61, progress.Rows);
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"out/part-{i}.parquet"), (await store.ListPartsAsync(run)).Select(p => p.Part.RelativePath));
    }

    [StoreFact]
    public async Task Commit_WithTheSameIdTwice_IsAppliedOnce()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store);
        var id = new CommitId("part-00001");
        RunCommit Unit() => store.BeginCommit(run, id: id)
            .AddPart(new PartFile("out", "out/part-00001.parquet", 5, Shard(0), OrdinalSet.FromRange(0, 5)))
            .MarkRecordsDone(Shard(0), OrdinalSet.FromRange(0, 5))
            .IncrementCounter("rows", 5)
            .AppendPool(new PoolEntry(1, PoolEntryKind.Generated, "x", "{}"));

        var first = await Unit().CommitAsync();
        var retry = await Unit().CommitAsync();

        Assert.False(first.AlreadyApplied);
        Assert.True(retry.AlreadyApplied);
        Assert.Equal(first.Sequence, retry.Sequence);
        Assert.Equal(5, (await store.GetCountersAsync(run))["rows"]);
        Assert.Single(await store.ListPartsAsync(run));
    }

    [StoreFact]
    public async Task CommitAsync_CalledAgainOnTheSameUnit_ReturnsTheFirstResult()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store);
        var commit = store.BeginCommit(run).IncrementCounter("rows");

        var first = await commit.CommitAsync();
        var second = await commit.CommitAsync();

        Assert.Same(first, second);
        Assert.Throws<InvalidOperationException>(() => commit.IncrementCounter("rows"));
        Assert.Equal(1, (await store.GetCountersAsync(run))["rows"]);
    }

    [StoreFact]
    public async Task Counters_AccumulateAcrossConcurrentCommits()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await store.BeginCommit(run)
                    .IncrementCounter("commits")
                    .IncrementCounter("rows", 3)
                    .MarkRecordsDone(Shard(t % 4), OrdinalSet.Of((t * 5) + i))
                    .CommitAsync();
            }
        })));

        var counters = await store.GetCountersAsync(run);
        Assert.Equal(40, counters["commits"]);
        Assert.Equal(120, counters["rows"]);
        var done = new OrdinalSetBuilder();
        for (var s = 0; s < 4; s++)
        {
            done.UnionWith(await store.GetCommittedOrdinalsAsync(run, Shard(s)));
        }

        Assert.Equal(OrdinalSet.FromRange(0, 40), done.ToOrdinalSet());
    }

    [StoreFact]
    public async Task Pool_IsReadInSequenceOrder_AcrossCommitsAndPages()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store);
        var seeds = Enumerable.Range(0, 175).Select(i => new PoolEntry(i, PoolEntryKind.Seed, $"seed {i}", "{}")).ToList();
        var generated = Enumerable.Range(175, 2400).Select(i => new PoolEntry(i, PoolEntryKind.Generated, $"gen {i}", $$"""{"round":{{i % 7}}}""")).ToList();

        await store.BeginCommit(run).AppendPool(generated[1]).AppendPool(generated[0]).CommitAsync();
        var seedCommit = store.BeginCommit(run);
        seeds.ForEach(s => seedCommit.AppendPool(s));
        await seedCommit.CommitAsync();
        var rest = store.BeginCommit(run);
        generated.Skip(2).Reverse().ToList().ForEach(g => rest.AppendPool(g));
        await rest.CommitAsync();

        Assert.Equal([.. seeds, .. generated], await ToListAsync(store.ReadPoolAsync(run)));
    }

    [StoreFact]
    public async Task Dedup_KeepsFirstValuesInInsertionOrder_AndFindsKeys()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store);

        await store.BeginCommit(run).AddDedupEntries("near", [new DedupEntry("b", "1"), new DedupEntry("a", "2")]).CommitAsync();
        await store.BeginCommit(run).AddDedupEntries("near", [new DedupEntry("a", "overwritten?"), new DedupEntry("c")])
            .AddDedupEntries("exact", [new DedupEntry("a", "other operator")]).CommitAsync();

        Assert.Equal([new DedupEntry("b", "1"), new DedupEntry("a", "2"), new DedupEntry("c")], await ToListAsync(store.ReadDedupEntriesAsync(run, "near")));
        Assert.Equal([new DedupEntry("a", "other operator")], await ToListAsync(store.ReadDedupEntriesAsync(run, "exact")));
        var found = await store.FindDedupKeysAsync(run, "near", [.. Enumerable.Range(0, 1000).Select(i => $"x{i}"), "a", "c", "a"]);
        Assert.Equal(new HashSet<string> { "a", "c" }, found);
    }

    [StoreFact]
    public async Task OperatorState_KeepsTheLastValuePerKey()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store);

        await store.BeginCommit(run).SetOperatorState("gate", "round", "1").SetOperatorState("gate", "rng", "abc").CommitAsync();
        await store.BeginCommit(run).SetOperatorState("gate", "round", "2").SetOperatorState("other", "round", "9").CommitAsync();

        var state = await store.GetOperatorStateAsync(run, "gate");
        Assert.Equal(2, state.Count);
        Assert.Equal("2", state["round"]);
        Assert.Equal("abc", state["rng"]);
    }

    [StoreFact]
    public async Task DeadLetters_AreKeptInOrderAndCounted()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store);
        var letters = Enumerable.Range(0, 1205).Select(i => new DeadLetter("curator", $"unparseable score {i}", $$"""{"i":{{i}}}""", $"corpus/1.jsonl:{i}")).ToList();

        await store.BeginCommit(run).AddDeadLetters(letters.Take(5)).CommitAsync();
        await store.BeginCommit(run).AddDeadLetters(letters.Skip(5)).CommitAsync();

        var stored = await ToListAsync(store.ReadDeadLettersAsync(run));
        Assert.Equal(letters, stored.Select(s => s.Letter));
        Assert.Equal(stored.Select(s => s.Id).Order(), stored.Select(s => s.Id));
        Assert.Equal(1205, await store.CountDeadLettersAsync(run));
    }

    [StoreFact]
    public async Task CompleteShard_WithRecordsNotCommitted_IsRejected()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store);
        await store.BeginCommit(run).MarkRecordsDone(Shard(0), OrdinalSet.Parse("0-7")).CommitAsync();

        var early = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.BeginCommit(run).MarkRecordsDone(Shard(0), OrdinalSet.Of(9)).CompleteShard(Shard(0), 10).CommitAsync());
        await store.BeginCommit(run).MarkRecordsDone(Shard(0), OrdinalSet.Of(8, 9)).CompleteShard(Shard(0), 10).CommitAsync();

        Assert.Contains("0-7,9", early.Message, StringComparison.Ordinal);
        Assert.Equal(ShardState.Done, (await store.ListShardsAsync(run))[0].State);
    }

    [StoreFact]
    public async Task Shards_CompleteAndFail_ShowInTheProgressSummary()
    {
        var store = await OpenFreshAsync();
        var run = await NewRunAsync(store, shards: 3);
        var all = OrdinalSet.FromRange(0, 50);

        await store.BeginCommit(run)
            .AddPart(new PartFile("out", "out/0.parquet", 40, Shard(0), all))
            .MarkRecordsDone(Shard(0), all)
            .CompleteShard(Shard(0), 50)
            .FailShard(Shard(1), "not gzip")
            .MarkRecordsDone(Shard(2), OrdinalSet.Parse("0-4,9"))
            .CommitAsync();

        var shards = await store.ListShardsAsync(run);
        Assert.Equal(new ShardProgress(Shard(0), "corpus/0.jsonl", 1000, ShardState.Done, 50, 50, 1, 40, null, null, null), shards[0]);
        Assert.Equal(new ShardProgress(Shard(1), "corpus/1.jsonl", 1001, ShardState.Failed, 0, null, 0, 0, null, null, "not gzip"), shards[1]);
        Assert.Equal(new ShardProgress(Shard(2), "corpus/2.jsonl", 1002, ShardState.Pending, 6, null, 0, 0, null, null, null), shards[2]);
    }

    [StoreFact]
    public async Task ResponseCache_ReturnsStoredResponses_AndKeepsTheFirst()
    {
        var store = await OpenFreshAsync();
        var responses = Enumerable.Range(0, 900).Select(i => new CachedResponse($"key-{i}", "llama-7b", $$"""{"text":"answer {{i}}"}""")).ToList();

        await store.PutCachedResponsesAsync(responses);
        await store.PutCachedResponsesAsync([new CachedResponse("key-1", "other", """{"text":"second"}""")]);
        var found = await store.GetCachedResponsesAsync([.. responses.Select(r => r.Key), "missing"]);

        Assert.Equal(900, found.Count);
        Assert.False(found.ContainsKey("missing"));
        Assert.Equal("llama-7b", found["key-1"].Model);
        Assert.Equal("""{"text":"answer 1"}""", found["key-1"].CompletionJson);
        Assert.True(found["key-1"].CreatedAt > DateTimeOffset.UnixEpoch);
        Assert.Empty(await store.GetCachedResponsesAsync([]));
    }

    private static async Task AssertNothingCommittedAsync(IRunStore store, RunId run)
    {
        Assert.Empty(await store.ListPartsAsync(run));
        Assert.Equal(OrdinalSet.Empty, await store.GetCommittedOrdinalsAsync(run, Shard(0)));
        Assert.All(await store.ListShardsAsync(run), s => Assert.Equal(ShardState.Pending, s.State));
        Assert.Empty(await store.GetCountersAsync(run));
        Assert.Empty(await ToListAsync(store.ReadDedupEntriesAsync(run, "exact")));
        Assert.Empty(await store.GetOperatorStateAsync(run, "op"));
        Assert.Equal(0, await store.CountDeadLettersAsync(run));
    }
}
