namespace Actors.Cluster.Tests;

/// <summary>
/// The child process of the SIGKILL test: resumes from what the store holds and commits units forever, printing
/// <c>committed N</c> after each acknowledged commit. Every unit touches every kind of state, so a torn commit
/// would show as a mismatch between them.
/// </summary>
public static class CrashWriter
{
    public const int RowsPerCommit = 10;
    public const int DedupPerCommit = 300;
    public static readonly RunId Run = new("crash");
    public static readonly ShardId Shard = new("s0");

    public static async Task RunAsync(string path)
    {
        await using var store = await RunStoreFactory.OpenAsync(new StoreSettings { Connection = path });
        await store.CreateRunAsync(new RunDefinition(Run, "test", "{}", "1"));
        await store.RegisterShardsAsync(Run, [new ShardDefinition(Shard, "input.jsonl", 1)]);
        var next = (await store.ListPartsAsync(Run)).Count;
        var stdout = Console.Out;
        for (var i = next; ; i++)
        {
            await using var commit = store.BeginCommit(Run);
            var ordinals = OrdinalSet.FromRange(i * RowsPerCommit, (i + 1) * RowsPerCommit);
            commit.AddPart(new PartFile("out", $"out/part-{i:D5}.parquet", RowsPerCommit, Shard, ordinals))
                .MarkRecordsDone(Shard, ordinals)
                .IncrementCounter("rows", RowsPerCommit)
                .IncrementCounter("commits")
                .AppendPool(new PoolEntry(i, PoolEntryKind.Generated, $"instruction {i}", "{}"))
                .AddDedupEntries("exact", Enumerable.Range(0, DedupPerCommit).Select(k => new DedupEntry($"{i}:{k}", new string('x', 40))))
                .AddDeadLetter(new DeadLetter("crash", "test", "{}", $"commit {i}"));
            await commit.CommitAsync();
            await stdout.WriteLineAsync($"committed {i}");
            await stdout.FlushAsync();
        }
    }
}
