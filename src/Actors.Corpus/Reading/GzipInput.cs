using System.Buffers.Binary;
using System.IO.Compression;

namespace Actors.Corpus.Reading;

/// <summary>
/// Decompresses a gzip file (one member or several) and tells, at the end, whether the stream was complete.
/// </summary>
/// <remarks>
/// <see cref="GZipStream"/> ends quietly when its input stops in the middle of a member (unless a process-wide
/// switch is set), so a truncated file would look like a shorter valid one. This stream keeps the last 8
/// compressed bytes (the final member's CRC-32 and size) and the last <see cref="RingSize"/> decompressed bytes,
/// and <see cref="IsComplete"/> checks that the final trailer belongs to the data that came out: its size equals
/// everything decompressed (one member), or the CRC of the last size bytes matches (several members, last one
/// small), or the size equals the bytes since a member boundary the caller knows (a WARC record start).
/// The chance that a cut-off stream passes is about 2^-32.
/// </remarks>
internal sealed class GzipInput : ObservedReadStream
{
    private const int RingSize = 256 * 1024;

    private readonly TailStream _compressed;
    private readonly byte[] _ring = new byte[RingSize];

    public GzipInput(Stream compressed)
        : this(new TailStream(compressed))
    {
    }

    private GzipInput(TailStream compressed)
        : base(new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: false))
    {
        _compressed = compressed;
    }

    /// <summary>Bytes decompressed so far.</summary>
    public long Decompressed => Total;

    /// <summary>
    /// After the stream has ended: whether it ended with a complete gzip member whose trailer matches the data.
    /// </summary>
    /// <param name="knownMemberStart">Decompressed offset where the last member may have started, when the format tells.</param>
    public bool IsComplete(long? knownMemberStart)
    {
        if (_compressed.Total < 18)
        {
            return false;
        }

        var tail = _compressed.Tail;
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        if (size == (uint)Total)
        {
            return true;
        }

        if (knownMemberStart is { } start && start <= Total && size == (uint)(Total - start))
        {
            return true;
        }

        return size <= Total && size <= RingSize && RingCrc((int)size) == crc;
    }

    protected override void Observe(ReadOnlySpan<byte> data)
    {
        // The ring holds the last RingSize bytes; byte n of the stream sits at index n % RingSize.
        var end = Total + data.Length;
        if (data.Length > RingSize)
        {
            data = data[^RingSize..];
        }

        var at = (int)((end - data.Length) % RingSize);
        var first = Math.Min(data.Length, RingSize - at);
        data[..first].CopyTo(_ring.AsSpan(at));
        data[first..].CopyTo(_ring);
    }

    private uint RingCrc(int size)
    {
        var end = (int)(Total % RingSize);
        var start = end - size;
        if (start >= 0)
        {
            return Crc32.Append(0, _ring.AsSpan(start, size));
        }

        var crc = Crc32.Append(0, _ring.AsSpan(RingSize + start));
        return Crc32.Append(crc, _ring.AsSpan(0, end));
    }

    /// <summary>Passes reads through, counting bytes and keeping the last 8.</summary>
    private sealed class TailStream(Stream inner) : ObservedReadStream(inner)
    {
        private readonly byte[] _tail = new byte[8];

        public ReadOnlySpan<byte> Tail => _tail;

        protected override void Observe(ReadOnlySpan<byte> data)
        {
            if (data.Length >= 8)
            {
                data[^8..].CopyTo(_tail);
            }
            else if (data.Length > 0)
            {
                _tail.AsSpan(data.Length).CopyTo(_tail);
                data.CopyTo(_tail.AsSpan(8 - data.Length));
            }
        }
    }
}
