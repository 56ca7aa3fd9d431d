using System.Runtime.CompilerServices;

namespace Actors.Corpus.Reading;

/// <summary>Reads a JSON Lines shard line by line (split on '\n' only, so U+2028 inside strings is fine).</summary>
internal static class JsonlShardReader
{
    public static async IAsyncEnumerable<ShardRecord> ReadAsync(CorpusShard shard, CorpusOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = ShardInput.Open(shard, out var gzip);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new ByteReader(stream);
            long ordinal = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Chunk line = default;
                string? streamError = null;
                try
                {
                    line = await reader.ReadLineAsync(options.MaxRecordSize, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException e)
                {
                    streamError = e.Message;
                }

                if (streamError is not null)
                {
                    yield return new QuarantinedRecord(shard.Id, ordinal, reader.Position, $"damaged compressed stream: {streamError}; the lines before it were read", string.Empty);
                    yield break;
                }

                if (line.Status == ChunkStatus.End)
                {
                    break;
                }

                if (!line.Terminated && gzip is not null && !gzip.IsComplete(null))
                {
                    // The last line of a cut-off stream: one entry for the truncation, covering the partial line.
                    var partial = line.Status == ChunkStatus.TooLong ? line.Excerpt : line.Span(reader.Buffer).ToArray();
                    yield return new QuarantinedRecord(shard.Id, ordinal, line.Offset, "truncated compressed stream: the gzip data ends inside this line; the lines before it were read", Excerpt.FromBytes(partial));
                    yield break;
                }

                yield return line.Status == ChunkStatus.TooLong
                    ? new QuarantinedRecord(shard.Id, ordinal, line.Offset, $"line of {line.Length} bytes is longer than max-record-size ({options.MaxRecordSize} bytes)", Excerpt.FromBytes(line.Excerpt))
                    : JsonlParser.Parse(shard.Id, ordinal, line.Offset, line.Span(reader.Buffer), options);
                ordinal++;
            }

            if (gzip is not null && !gzip.IsComplete(null))
            {
                yield return new QuarantinedRecord(shard.Id, ordinal, gzip.Decompressed, "truncated compressed stream: the gzip data ends early or does not match its trailer; the lines before it were read", string.Empty);
            }
        }
    }
}
