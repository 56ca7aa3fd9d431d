using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Actors.Corpus.Reading;

/// <summary>Reads a text or markdown file as one document (UTF-8, a byte-order mark is dropped).</summary>
internal static class TextShardReader
{
    public static async IAsyncEnumerable<ShardRecord> ReadAsync(CorpusShard shard, CorpusOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = ShardInput.Open(shard, out var gzip);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new ByteReader(stream, initialSize: 64 * 1024);
            Chunk block = default;
            long skipped = 0;
            string? streamError = null;
            try
            {
                block = await reader.ReadBlockAsync(options.MaxRecordSize + 1, cancellationToken).ConfigureAwait(false);
                if (block.Status == ChunkStatus.Ok)
                {
                    skipped = await reader.SkipAsync(long.MaxValue, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (InvalidDataException e)
            {
                streamError = e.Message;
            }

            if (streamError is not null)
            {
                yield return new QuarantinedRecord(shard.Id, 0, 0, $"damaged compressed stream: {streamError}", string.Empty);
                yield break;
            }

            if (gzip is not null && !gzip.IsComplete(null))
            {
                var head = block.Status == ChunkStatus.Ok ? [] : block.Span(reader.Buffer).ToArray();
                yield return new QuarantinedRecord(shard.Id, 0, 0, "truncated compressed stream: the gzip data ends early or does not match its trailer", Excerpt.FromBytes(head));
                yield break;
            }

            if (block.Status == ChunkStatus.Ok)
            {
                yield return new QuarantinedRecord(shard.Id, 0, 0, $"text file of {block.Length + skipped} bytes is larger than max-record-size ({options.MaxRecordSize} bytes)", Excerpt.FromBytes(block.Span(reader.Buffer)));
                yield break;
            }

            var bytes = block.Span(reader.Buffer);
            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                bytes = bytes[3..];
            }

            if (!Utf8.IsValid(bytes))
            {
                yield return new QuarantinedRecord(shard.Id, 0, 0, "invalid UTF-8 in a text file", Excerpt.FromBytes(bytes));
                yield break;
            }

            var metadata = new Dictionary<string, string?>(StringComparer.Ordinal) { ["file_name"] = Path.GetFileName(shard.Path) };
            yield return new CorpusDocument(shard.Id, 0, Encoding.UTF8.GetString(bytes), metadata, 0, null);
        }
    }
}
