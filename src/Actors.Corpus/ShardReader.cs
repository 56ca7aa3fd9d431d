using Actors.Corpus.Reading;

namespace Actors.Corpus;

/// <summary>Streams the records of one shard, whatever its format.</summary>
public static class ShardReader
{
    /// <summary>
    /// Reads <paramref name="shard"/> from its file as a stream: one <see cref="ShardRecord"/> per ordinal, in file
    /// order. Memory stays bounded by <see cref="CorpusOptions.MaxRecordSize"/> whatever the file's size.
    /// </summary>
    /// <remarks>
    /// Bad records never stop the shard: each becomes a <see cref="QuarantinedRecord"/> and reading goes on. A gzip
    /// stream that is cut off or damaged ends the shard with one <see cref="QuarantinedRecord"/>, after every record
    /// before the damage. Files that cannot be opened or read (missing, permissions, I/O errors) throw.
    /// </remarks>
    /// <param name="shard">The shard, from <see cref="CorpusDiscovery"/>.</param>
    /// <param name="options">Reading options; <c>null</c> for the defaults.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The records.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IAsyncEnumerable<ShardRecord> ReadAsync(CorpusShard shard, CorpusOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shard);
        options ??= new CorpusOptions();
        options.Validate();
        return shard.Format switch
        {
            ShardFormat.Jsonl => JsonlShardReader.ReadAsync(shard, options, cancellationToken),
            ShardFormat.Warc or ShardFormat.Wet => WarcShardReader.ReadAsync(shard, options, cancellationToken),
            ShardFormat.Text => TextShardReader.ReadAsync(shard, options, cancellationToken),
            _ => throw new ArgumentException($"Shard {shard.Id} has unknown format {shard.Format}.", nameof(shard)),
        };
    }
}
