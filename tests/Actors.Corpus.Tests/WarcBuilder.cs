using System.Globalization;
using System.Text;

namespace Actors.Corpus.Tests;

/// <summary>Writes WARC records the way crawlers do: CRLF header lines, Content-Length, block, CRLF CRLF.</summary>
internal sealed class WarcBuilder
{
    private readonly List<byte[]> _records = [];

    public IReadOnlyList<byte[]> Records => _records;

    /// <summary>Offset of each record in the uncompressed file.</summary>
    public IReadOnlyList<long> Offsets
    {
        get
        {
            var offsets = new List<long>();
            long at = 0;
            foreach (var record in _records)
            {
                offsets.Add(at);
                at += record.Length;
            }

            return offsets;
        }
    }

    public byte[] Bytes => [.. _records.SelectMany(r => r)];

    public WarcBuilder Record(string type, string? uri, string contentType, byte[] block, bool angleUri = false, bool withLength = true, IEnumerable<string>? extra = null)
    {
        var head = new StringBuilder();
        head.Append("WARC/1.0\r\n");
        head.Append(CultureInfo.InvariantCulture, $"WARC-Type: {type}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"WARC-Record-ID: <urn:uuid:{Guid.NewGuid()}>\r\n");
        head.Append("WARC-Date: 2024-05-18T01:58:10Z\r\n");
        if (uri is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"WARC-Target-URI: {(angleUri ? "<" + uri + ">" : uri)}\r\n");
        }

        foreach (var line in extra ?? [])
        {
            head.Append(line).Append("\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        if (withLength)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {block.Length}\r\n");
        }

        head.Append("\r\n");
        _records.Add([.. Encoding.ASCII.GetBytes(head.ToString()), .. block, .. "\r\n\r\n"u8.ToArray()]);
        return this;
    }

    public WarcBuilder Raw(byte[] bytes)
    {
        _records.Add(bytes);
        return this;
    }

    public WarcBuilder Response(string uri, string httpHeaders, byte[] body, bool angleUri = false) =>
        Record("response", uri, "application/http; msgtype=response", [.. Encoding.ASCII.GetBytes(httpHeaders.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n"), .. body], angleUri);

    public static byte[] Chunked(byte[] body, int chunk)
    {
        var output = new List<byte>();
        for (var i = 0; i < body.Length; i += chunk)
        {
            var part = body.AsSpan(i, Math.Min(chunk, body.Length - i));
            output.AddRange(Encoding.ASCII.GetBytes(part.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            output.AddRange(part.ToArray());
            output.AddRange("\r\n"u8.ToArray());
        }

        output.AddRange("0\r\n\r\n"u8.ToArray());
        return [.. output];
    }
}
