using System.Text;

namespace Actors.Corpus.Tests;

[CollectionDefinition(nameof(StreamingTests), DisableParallelization = true)]
public sealed class StreamingCollection;

/// <summary>Readers stream: the first records of a large shard come out without the file being loaded.</summary>
[Collection(nameof(StreamingTests))]
public sealed class StreamingTests
{
    [Theory]
    [InlineData("big.jsonl")]
    [InlineData("big.jsonl.gz")]
    [InlineData("big.warc")]
    public async Task The_first_records_of_a_large_shard_cost_far_less_than_the_file(string name)
    {
        using var dir = new TempDirectory();
        var line = "{\"text\":\"" + new string('a', 1000) + "\"}\n";
        byte[] bytes;
        if (name.Contains("warc", StringComparison.Ordinal))
        {
            var builder = new WarcBuilder();
            for (var i = 0; i < 40_000; i++)
            {
                builder.Record("conversion", $"https://x.example/{i}", "text/plain", Encoding.ASCII.GetBytes(new string('b', 1000)));
            }

            bytes = builder.Bytes;
        }
        else
        {
            bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(line, 40_000)));
        }

        var path = dir.Write(name, name.EndsWith(".gz", StringComparison.Ordinal) ? TempDirectory.Gzip(bytes) : bytes);
        var shard = CorpusDiscovery.Discover([path])[0];

        // Warm up the code paths (JIT, pools) so only the reading is measured.
        await foreach (var _ in ShardReader.ReadAsync(shard))
        {
            break;
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var read = 0;
        await foreach (var record in ShardReader.ReadAsync(shard))
        {
            Assert.IsType<CorpusDocument>(record);
            if (++read == 10)
            {
                break;
            }
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < bytes.Length / 8, $"reading 10 records of a {bytes.Length}-byte shard allocated {allocated} bytes");
    }
}
