namespace Actors.Corpus.Tests;

internal static class Records
{
    public static async Task<List<ShardRecord>> ReadAllAsync(string path, CorpusOptions? options = null)
    {
        var shards = CorpusDiscovery.Discover([path]);
        Assert.Single(shards);
        return await ReadAllAsync(shards[0], options);
    }

    public static async Task<List<ShardRecord>> ReadAllAsync(CorpusShard shard, CorpusOptions? options = null)
    {
        var records = new List<ShardRecord>();
        await foreach (var record in ShardReader.ReadAsync(shard, options))
        {
            records.Add(record);
        }

        // Every ordinal is accounted for, once, in order.
        Assert.Equal(Enumerable.Range(0, records.Count).Select(i => (long)i), records.Select(r => r.Ordinal));
        return records;
    }
}
