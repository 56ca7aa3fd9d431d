using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Actors.Corpus.Reading;

/// <summary>
/// Reads WARC and WET shards record by record: <c>response</c> records with HTML or plain text, <c>conversion</c>
/// records (WET text) and textual <c>resource</c> records of web pages become documents; other records are
/// skipped; damaged records are quarantined and reading resumes at the next <c>WARC/</c> version line.
/// </summary>
internal static class WarcShardReader
{
    private const int MaxHeaderLine = 64 * 1024;
    private const int MaxHeaderBytes = 256 * 1024;

    public static async IAsyncEnumerable<ShardRecord> ReadAsync(CorpusShard shard, CorpusOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = ShardInput.Open(shard, out var gzip);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new ByteReader(stream);
            var id = shard.Id;
            long ordinal = 0;
            long? lastRecordStart = null;
            long? pendingVersionLine = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // 1. The version line that starts a record (possibly found already while resynchronising).
                long recordOffset;
                string? streamError = null;
                if (pendingVersionLine is { } found)
                {
                    recordOffset = found;
                    pendingVersionLine = null;
                }
                else
                {
                    Chunk line = default;
                    try
                    {
                        line = await reader.ReadLineAsync(MaxHeaderLine, cancellationToken).ConfigureAwait(false);
                    }
                    catch (InvalidDataException e)
                    {
                        streamError = e.Message;
                    }

                    if (streamError is not null)
                    {
                        yield return CorruptStream(id, ordinal, reader.Position, streamError);
                        yield break;
                    }

                    if (line.Status == ChunkStatus.End)
                    {
                        break;
                    }

                    var text = line.Status == ChunkStatus.Ok ? TrimCr(line.Span(reader.Buffer)) : default;
                    if (line.Status == ChunkStatus.Ok && text.Trim(" \t"u8).IsEmpty)
                    {
                        continue;
                    }

                    recordOffset = line.Offset;
                    if (line.Status != ChunkStatus.Ok || !text.StartsWith("WARC/"u8))
                    {
                        var excerpt = Excerpt.FromBytes(line.Status == ChunkStatus.Ok ? text : line.Excerpt);
                        var resync = await ResyncAsync(reader, cancellationToken).ConfigureAwait(false);
                        yield return new QuarantinedRecord(id, ordinal++, recordOffset, "garbled WARC record: expected a \"WARC/1.x\" version line; skipped to the next record", excerpt);
                        if (resync.Error is not null)
                        {
                            yield return CorruptStream(id, ordinal, reader.Position, resync.Error);
                            yield break;
                        }

                        if (resync.VersionLine is null)
                        {
                            break;
                        }

                        pendingVersionLine = resync.VersionLine;
                        continue;
                    }
                }

                lastRecordStart = recordOffset;

                // 2. Header fields up to the blank line.
                var headers = new WarcHeaders();
                var headerBytes = 0;
                string? garbled = null;
                var truncated = false;
                long? interruptedBy = null;
                while (true)
                {
                    Chunk line = default;
                    try
                    {
                        line = await reader.ReadLineAsync(MaxHeaderLine, cancellationToken).ConfigureAwait(false);
                    }
                    catch (InvalidDataException e)
                    {
                        streamError = e.Message;
                    }

                    if (streamError is not null)
                    {
                        break;
                    }

                    if (line.Status == ChunkStatus.End || !line.Terminated)
                    {
                        truncated = true;
                        break;
                    }

                    if (line.Status == ChunkStatus.TooLong)
                    {
                        garbled = "garbled WARC record: a header line is longer than 64 KiB";
                        break;
                    }

                    var text = TrimCr(line.Span(reader.Buffer));
                    if (text.IsEmpty)
                    {
                        break;
                    }

                    headerBytes += line.Length;
                    if (headerBytes > MaxHeaderBytes)
                    {
                        garbled = "garbled WARC record: the header block is longer than 256 KiB";
                        break;
                    }

                    if (text.StartsWith("WARC/"u8))
                    {
                        garbled = "garbled WARC record: the header block is interrupted by a new record";
                        interruptedBy = line.Offset;
                        break;
                    }

                    if (text[0] is (byte)' ' or (byte)'\t')
                    {
                        if (!headers.Continue(Encoding.UTF8.GetString(text).Trim()))
                        {
                            garbled = "garbled WARC record: a continuation line comes before any field";
                            break;
                        }

                        continue;
                    }

                    var colon = text.IndexOf((byte)':');
                    if (colon <= 0)
                    {
                        garbled = $"garbled WARC record: header line without a ':' (\"{Excerpt.FromBytes(text)}\")";
                        break;
                    }

                    headers.Add(Encoding.UTF8.GetString(text[..colon]).Trim(), Encoding.UTF8.GetString(text[(colon + 1)..]).Trim());
                }

                if (streamError is not null)
                {
                    yield return CorruptStream(id, ordinal, recordOffset, streamError);
                    yield break;
                }

                if (truncated)
                {
                    yield return Truncated(id, ordinal, recordOffset, gzip, lastRecordStart, "the file ends inside the record's header", Excerpt.FromText($"record at byte {recordOffset}; the stream ends at byte {reader.Position}"));
                    yield break;
                }

                long contentLength = -1;
                if (garbled is null)
                {
                    var lengthText = headers["Content-Length"];
                    if (lengthText is null || !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out contentLength))
                    {
                        garbled = lengthText is null
                            ? "garbled WARC record: no Content-Length field"
                            : $"garbled WARC record: Content-Length \"{Excerpt.FromText(lengthText)}\" is not a byte count";
                    }
                }

                if (garbled is not null)
                {
                    var excerpt = Describe(headers);
                    if (interruptedBy is { } next)
                    {
                        yield return new QuarantinedRecord(id, ordinal++, recordOffset, garbled, excerpt);
                        pendingVersionLine = next;
                        continue;
                    }

                    var resync = await ResyncAsync(reader, cancellationToken).ConfigureAwait(false);
                    yield return new QuarantinedRecord(id, ordinal++, recordOffset, garbled + "; skipped to the next record", excerpt);
                    if (resync.Error is not null)
                    {
                        yield return CorruptStream(id, ordinal, reader.Position, resync.Error);
                        yield break;
                    }

                    if (resync.VersionLine is null)
                    {
                        break;
                    }

                    pendingVersionLine = resync.VersionLine;
                    continue;
                }

                // 3. The block.
                if (contentLength > options.MaxRecordSize)
                {
                    long skipped = 0;
                    try
                    {
                        skipped = await reader.SkipAsync(contentLength, cancellationToken).ConfigureAwait(false);
                    }
                    catch (InvalidDataException e)
                    {
                        streamError = e.Message;
                    }

                    if (streamError is not null)
                    {
                        yield return CorruptStream(id, ordinal, recordOffset, streamError);
                        yield break;
                    }

                    if (skipped < contentLength)
                    {
                        yield return Truncated(id, ordinal, recordOffset, gzip, lastRecordStart, $"Content-Length is {contentLength} but the file ends after {skipped} bytes of the block", Describe(headers));
                        yield break;
                    }

                    yield return new QuarantinedRecord(id, ordinal++, recordOffset, $"WARC record block of {contentLength} bytes is larger than max-record-size ({options.MaxRecordSize} bytes)", Describe(headers));
                    continue;
                }

                Chunk block = default;
                try
                {
                    block = await reader.ReadBlockAsync((int)contentLength, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException e)
                {
                    streamError = e.Message;
                }

                if (streamError is not null)
                {
                    yield return CorruptStream(id, ordinal, recordOffset, streamError);
                    yield break;
                }

                if (block.Status == ChunkStatus.Truncated)
                {
                    yield return Truncated(id, ordinal, recordOffset, gzip, lastRecordStart, $"Content-Length is {contentLength} but the file ends after {block.Length} bytes of the block", Describe(headers));
                    yield break;
                }

                yield return Interpret(id, ordinal++, recordOffset, headers, block.Span(reader.Buffer), options);
            }

            if (gzip is not null && !gzip.IsComplete(lastRecordStart))
            {
                yield return new QuarantinedRecord(id, ordinal, gzip.Decompressed, "damaged compressed stream: the gzip data ends early or does not match its trailer; the records before this point were read", string.Empty);
            }
        }
    }

    private static ShardRecord Interpret(ShardId shard, long ordinal, long offset, WarcHeaders headers, ReadOnlySpan<byte> block, CorpusOptions options)
    {
        var type = (headers["WARC-Type"] ?? string.Empty).ToLowerInvariant();
        var uri = TargetUri(headers["WARC-Target-URI"]);
        var warcContentType = headers["Content-Type"] ?? string.Empty;
        switch (type)
        {
            case "conversion":
                if (!Utf8.IsValid(block))
                {
                    return new QuarantinedRecord(shard, ordinal, offset, "invalid UTF-8 in a WET conversion record", Excerpt.FromBytes(block));
                }

                return Document(Encoding.UTF8.GetString(block), null, warcContentType.Length == 0 ? "text/plain" : warcContentType);

            case "response" when warcContentType.Length == 0 || warcContentType.StartsWith("application/http", StringComparison.OrdinalIgnoreCase):
                var payload = HttpPayload.Extract(block, options.MaxRecordSize);
                return payload.Kind switch
                {
                    PayloadKind.Document => Document(payload.Text!, payload.Title, payload.MediaType!),
                    PayloadKind.Skip => new SkippedRecord(shard, ordinal, offset, payload.Reason!),
                    _ => new QuarantinedRecord(shard, ordinal, offset, payload.Reason!, Excerpt.FromBytes(block)),
                };

            case "resource" when uri is not null && uri.StartsWith("http", StringComparison.OrdinalIgnoreCase)
                && (warcContentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) || warcContentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)):
                var headerLine = $"HTTP/1.1 200 OK\r\nContent-Type: {warcContentType}\r\n\r\n";
                var synthetic = new byte[Encoding.ASCII.GetByteCount(headerLine) + block.Length];
                var written = Encoding.ASCII.GetBytes(headerLine, synthetic);
                block.CopyTo(synthetic.AsSpan(written));
                var resource = HttpPayload.Extract(synthetic, options.MaxRecordSize);
                return resource.Kind == PayloadKind.Document
                    ? Document(resource.Text!, resource.Title, resource.MediaType!)
                    : new SkippedRecord(shard, ordinal, offset, resource.Reason!);

            default:
                return new SkippedRecord(shard, ordinal, offset, type.Length == 0 ? "record without WARC-Type" : $"warc-type {type}" + (type == "response" ? $" with Content-Type {warcContentType}" : string.Empty));
        }

        CorpusDocument Document(string text, string? title, string contentType)
        {
            var metadata = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["warc_type"] = type,
                ["warc_record_id"] = headers["WARC-Record-ID"],
                ["warc_date"] = headers["WARC-Date"],
                ["content_type"] = contentType,
            };
            if (headers["WARC-Identified-Content-Language"] is { } language)
            {
                metadata["language"] = language;
            }

            if (!string.IsNullOrEmpty(title))
            {
                metadata["title"] = title;
            }

            return new CorpusDocument(shard, ordinal, text, metadata, offset, uri);
        }
    }

    // Wget writes WARC-Target-URI inside angle brackets ("<https://...>"); WARC 1.1 writes it bare.
    private static string? TargetUri(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '<' && trimmed[^1] == '>' ? trimmed[1..^1] : trimmed;
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private static string Describe(WarcHeaders headers)
    {
        var type = headers["WARC-Type"];
        var uri = headers["WARC-Target-URI"];
        var id = headers["WARC-Record-ID"];
        return Excerpt.FromText($"WARC-Type: {type ?? "?"}; WARC-Record-ID: {id ?? "?"}; WARC-Target-URI: {uri ?? "?"}");
    }

    private static QuarantinedRecord Truncated(ShardId shard, long ordinal, long offset, GzipInput? gzip, long? lastRecordStart, string detail, string excerpt)
    {
        var reason = gzip is not null && !gzip.IsComplete(lastRecordStart)
            ? $"truncated compressed stream: {detail}; the records before it were read"
            : $"truncated WARC record: {detail}";
        return new QuarantinedRecord(shard, ordinal, offset, reason, excerpt);
    }

    private static QuarantinedRecord CorruptStream(ShardId shard, long ordinal, long offset, string error) =>
        new(shard, ordinal, offset, $"damaged compressed stream: {error}; the records before it were read", string.Empty);

    /// <summary>Reads lines until one starts a WARC record; returns its offset, or null at the end of the stream.</summary>
    private static async ValueTask<(long? VersionLine, string? Error)> ResyncAsync(ByteReader reader, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var line = await reader.ReadLineAsync(MaxHeaderLine, cancellationToken).ConfigureAwait(false);
                if (line.Status == ChunkStatus.End)
                {
                    return (null, null);
                }

                if (line.Status == ChunkStatus.Ok && line.Span(reader.Buffer).StartsWith("WARC/1."u8))
                {
                    return (line.Offset, null);
                }
            }
        }
        catch (InvalidDataException e)
        {
            return (null, e.Message);
        }
    }
}
