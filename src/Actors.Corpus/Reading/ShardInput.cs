namespace Actors.Corpus.Reading;

/// <summary>Opens a shard's file for sequential reading, decompressing when the shard is gzip.</summary>
internal static class ShardInput
{
    private const int FileBufferSize = 64 * 1024;

    public static Stream Open(CorpusShard shard, out GzipInput? gzip)
    {
        var compressed = shard.Compression == ShardCompression.Gzip;

        // Uncompressed shards are read in large blocks by ByteReader, so the FileStream needs no buffer of its own;
        // GZipStream reads in small pieces, so give it one.
        var file = new FileStream(shard.Path, FileMode.Open, FileAccess.Read, FileShare.Read, compressed ? FileBufferSize : 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (!compressed)
        {
            gzip = null;
            return file;
        }

        gzip = new GzipInput(file);
        return gzip;
    }
}
