using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Actors.Corpus.Reading;

/// <summary>
/// Reads the HTTP response stored in a WARC <c>response</c> record: status, headers, chunked transfer coding,
/// gzip/deflate/brotli content coding, charset; HTML becomes text through <see cref="HtmlToText"/>.
/// </summary>
internal static class HttpPayload
{
    private const int CharsetSniffBytes = 2048;

    public static Payload Extract(ReadOnlySpan<byte> block, int maxBytes)
    {
        var headerEnd = FindHeaderEnd(block, out var separatorLength);
        if (headerEnd < 0)
        {
            return Payload.Malformed("malformed HTTP response: the headers do not end with a blank line");
        }

        var head = Encoding.Latin1.GetString(block[..headerEnd]);
        var lines = head.Split('\n');
        var status = lines[0].TrimEnd('\r');
        if (!status.StartsWith("HTTP/", StringComparison.OrdinalIgnoreCase))
        {
            return Payload.Malformed($"malformed HTTP response: status line \"{Excerpt.FromText(status)}\"");
        }

        var parts = status.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code is < 100 or > 999)
        {
            return Payload.Malformed($"malformed HTTP response: status line \"{Excerpt.FromText(status)}\"");
        }

        string? contentType = null;
        string? transferEncoding = null;
        string? contentEncoding = null;
        foreach (var raw in lines.AsSpan(1))
        {
            var line = raw.TrimEnd('\r');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line.AsSpan(0, colon).Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("content-type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else if (name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase))
            {
                transferEncoding = value;
            }
            else if (name.Equals("content-encoding", StringComparison.OrdinalIgnoreCase))
            {
                contentEncoding = value;
            }
        }

        if (code is < 200 or > 299)
        {
            return Payload.Skip($"HTTP status {code}");
        }

        ReadOnlySpan<byte> body = block[(headerEnd + separatorLength)..];
        byte[]? owned = null;
        if (transferEncoding is not null && transferEncoding.Contains("chunked", StringComparison.OrdinalIgnoreCase) && TryDechunk(body, maxBytes, out var dechunked))
        {
            // Some crawlers store the body already de-chunked but keep the header; then the raw body is used.
            owned = dechunked;
            body = owned;
        }

        if (contentEncoding is not null && !contentEncoding.Equals("identity", StringComparison.OrdinalIgnoreCase) && !body.IsEmpty)
        {
            var coding = contentEncoding.Trim().ToLowerInvariant();
            if (coding is not ("gzip" or "x-gzip" or "deflate" or "br"))
            {
                return Payload.Skip($"unsupported Content-Encoding {Excerpt.FromText(contentEncoding)}");
            }

            var decoded = Decompress(body, coding, maxBytes);
            if (decoded is null)
            {
                return Payload.Malformed($"cannot decode the {coding} Content-Encoding of the body, or it decodes to more than max-record-size");
            }

            owned = decoded;
            body = owned;
        }

        var (mediaType, charset) = ParseContentType(contentType);
        var isHtml = mediaType is "text/html" or "application/xhtml+xml";
        if (mediaType.Length == 0)
        {
            var start = body.TrimStart(" \t\r\n"u8);
            if (!start.IsEmpty && start[0] == (byte)'<')
            {
                isHtml = true;
                mediaType = "text/html";
            }
            else
            {
                return Payload.Skip("payload without Content-Type");
            }
        }

        if (!isHtml && mediaType != "text/plain")
        {
            return Payload.Skip($"payload {Excerpt.FromText(mediaType)}");
        }

        var encoding = ResolveEncoding(body, charset, isHtml, out var bomLength);
        var text = encoding.GetString(body[bomLength..]);
        if (!isHtml)
        {
            return new Payload(PayloadKind.Document, text, null, null, mediaType);
        }

        var (converted, title) = HtmlToText.Convert(text);
        return new Payload(PayloadKind.Document, converted, title, null, mediaType);
    }

    private static int FindHeaderEnd(ReadOnlySpan<byte> block, out int separatorLength)
    {
        var crlf = block.IndexOf("\r\n\r\n"u8);
        var lf = block.IndexOf("\n\n"u8);
        if (crlf >= 0 && (lf < 0 || crlf < lf))
        {
            separatorLength = 4;
            return crlf;
        }

        separatorLength = 2;
        return lf;
    }

    private static (string MediaType, string? Charset) ParseContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return (string.Empty, null);
        }

        var parts = contentType.Split(';');
        string? charset = null;
        foreach (var parameter in parts.AsSpan(1))
        {
            var eq = parameter.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && parameter.AsSpan(0, eq).Trim().Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                charset = parameter[(eq + 1)..].Trim().Trim('"', '\'');
            }
        }

        return (parts[0].Trim().ToLowerInvariant(), charset);
    }

    private static Encoding ResolveEncoding(ReadOnlySpan<byte> body, string? charset, bool isHtml, out int bomLength)
    {
        bomLength = 0;
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bomLength = 3;
            return Encoding.UTF8;
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            bomLength = 2;
            return Encoding.Unicode;
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            bomLength = 2;
            return Encoding.BigEndianUnicode;
        }

        if (charset is null && isHtml)
        {
            charset = SniffMetaCharset(body[..Math.Min(body.Length, CharsetSniffBytes)]);
        }

        return Lookup(charset) ?? Encoding.UTF8;
    }

    private static string? SniffMetaCharset(ReadOnlySpan<byte> head)
    {
        var text = Encoding.Latin1.GetString(head);
        var at = text.IndexOf("charset", StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var i = at + "charset".Length;
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            if (i < text.Length && text[i] == '=')
            {
                i++;
                while (i < text.Length && text[i] is ' ' or '\t' or '"' or '\'')
                {
                    i++;
                }

                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '-' or '_' or ':' or '.'))
                {
                    i++;
                }

                if (i > start)
                {
                    return text[start..i];
                }
            }

            at = text.IndexOf("charset", i, StringComparison.OrdinalIgnoreCase);
        }

        return null;
    }

    private static Encoding? Lookup(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return null;
        }

        // Browsers read latin-1 labels as windows-1252; so do we, when the code page provider has it.
        var name = charset.Trim().ToLowerInvariant() switch
        {
            "iso-8859-1" or "latin1" or "latin-1" or "us-ascii" or "ascii" => "windows-1252",
            "utf8" => "utf-8",
            var other => other,
        };
        if (name is "utf-8" or "utf-16le" or "utf-16be" or "utf-16")
        {
            return Encoding.GetEncoding(name);
        }

        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool TryDechunk(ReadOnlySpan<byte> body, int maxBytes, out byte[] result)
    {
        result = [];
        var output = new MemoryStream();
        var pos = 0;
        while (true)
        {
            var lineEnd = body[pos..].IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                return false;
            }

            var sizeLine = body.Slice(pos, lineEnd).TrimEnd((byte)'\r');
            var semicolon = sizeLine.IndexOf((byte)';');
            if (semicolon >= 0)
            {
                sizeLine = sizeLine[..semicolon];
            }

            sizeLine = sizeLine.Trim(" \t"u8);
            if (sizeLine.IsEmpty || !Utf8Parser.TryParse(sizeLine, out ulong size, out var consumed, 'x') || consumed != sizeLine.Length || size > int.MaxValue)
            {
                return false;
            }

            pos += lineEnd + 1;
            if (size == 0)
            {
                result = output.ToArray();
                return true;
            }

            if (size > (ulong)(body.Length - pos) || output.Length + (long)size > maxBytes)
            {
                // A chunk cut off by a truncated capture: keep what arrived.
                if (output.Length + (body.Length - pos) > maxBytes)
                {
                    return false;
                }

                output.Write(body[pos..]);
                result = output.ToArray();
                return true;
            }

            output.Write(body.Slice(pos, (int)size));
            pos += (int)size;
            if (body[pos..].StartsWith("\r\n"u8))
            {
                pos += 2;
            }
            else if (body[pos..].StartsWith("\n"u8))
            {
                pos += 1;
            }
            else if (pos < body.Length)
            {
                return false;
            }

            if (pos >= body.Length)
            {
                result = output.ToArray();
                return true;
            }
        }
    }

    private static byte[]? Decompress(ReadOnlySpan<byte> body, string coding, int maxBytes)
    {
        try
        {
            using var input = new MemoryStream(body.ToArray(), writable: false);
            using Stream decoder = coding switch
            {
                "br" => new BrotliStream(input, CompressionMode.Decompress),
                "deflate" => LooksLikeZlib(body) ? new ZLibStream(input, CompressionMode.Decompress) : new DeflateStream(input, CompressionMode.Decompress),
                _ => new GZipStream(input, CompressionMode.Decompress),
            };
            using var output = new MemoryStream();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = decoder.Read(buffer)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    return null;
                }

                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    // "deflate" on the web is usually zlib-wrapped (RFC 1950), sometimes raw (RFC 1951).
    private static bool LooksLikeZlib(ReadOnlySpan<byte> body) =>
        body.Length >= 2 && (body[0] & 0x0F) == 8 && ((body[0] << 8) | body[1]) % 31 == 0;
}
