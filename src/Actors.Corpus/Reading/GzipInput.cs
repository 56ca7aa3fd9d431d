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
internal sealed class GzipInput : Stream
{
    private const int RingSize = 256 * 1024;

    private readonly TailStream _compressed;
    private readonly GZipStream _gzip;
    private readonly byte[] _ring = new byte[RingSize];
    private long _total;

    public GzipInput(Stream compressed)
    {
        _compressed = new TailStream(compressed);
        _gzip = new GZipStream(_compressed, CompressionMode.Decompress, leaveOpen: false);
    }

    /// <summary>Bytes decompressed so far.</summary>
    public long Decompressed => _total;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

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
        if (size == (uint)_total)
        {
            return true;
        }

        if (knownMemberStart is { } start && start <= _total && size == (uint)(_total - start))
        {
            return true;
        }

        return size <= _total && size <= RingSize && RingCrc((int)size) == crc;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _gzip.Read(buffer);
        Capture(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _gzip.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Capture(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _gzip.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void Capture(ReadOnlySpan<byte> data)
    {
        // The ring holds the last RingSize bytes; byte n of the stream sits at index n % RingSize.
        if (data.Length > RingSize)
        {
            _total += data.Length - RingSize;
            data = data[^RingSize..];
        }

        var at = (int)(_total % RingSize);
        var first = Math.Min(data.Length, RingSize - at);
        data[..first].CopyTo(_ring.AsSpan(at));
        data[first..].CopyTo(_ring);
        _total += data.Length;
    }

    private uint RingCrc(int size)
    {
        var end = (int)(_total % RingSize);
        var start = end - size;
        if (start >= 0)
        {
            return Crc32.Append(0, _ring.AsSpan(start, size));
        }

        var crc = Crc32.Append(0, _ring.AsSpan(RingSize + start));
        return Crc32.Append(crc, _ring.AsSpan(0, end));
    }

    /// <summary>Passes reads through, counting bytes and keeping the last 8.</summary>
    private sealed class TailStream(Stream inner) : Stream
    {
        private readonly byte[] _tail = new byte[8];

        public long Total { get; private set; }

        public ReadOnlySpan<byte> Tail => _tail;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => Total;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            Keep(buffer[..read]);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Keep(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Keep(ReadOnlySpan<byte> data)
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

            Total += data.Length;
        }
    }
}
