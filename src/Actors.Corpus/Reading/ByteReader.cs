using System.Buffers;

namespace Actors.Corpus.Reading;

/// <summary>
/// Reads lines and fixed-size blocks from a stream through one growable buffer, keeping the absolute offset of
/// every read. Memory is bounded by the longest line or block a caller asks for, never by the stream's size.
/// </summary>
/// <remarks>
/// A returned <see cref="Chunk"/> points into <see cref="Buffer"/> and stays valid until the next read call.
/// Not thread-safe: one reader per shard.
/// </remarks>
internal sealed class ByteReader : IDisposable
{
    private const int MinimumRead = 64 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _position;
    private bool _eof;

    public ByteReader(Stream stream, int initialSize = 256 * 1024)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialSize, MinimumRead * 2));
    }

    /// <summary>The buffer that <see cref="Chunk"/> results index into.</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Offset in the stream of the next byte to be read.</summary>
    public long Position => _position;

    /// <summary>
    /// Reads the next line, without its '\n' (a '\r' before it is left for the caller). A line longer than
    /// <paramref name="maxLength"/> is skipped to its end without being buffered and comes back as
    /// <see cref="ChunkStatus.TooLong"/> with its first bytes in <see cref="Chunk.Excerpt"/>.
    /// </summary>
    public async ValueTask<Chunk> ReadLineAsync(int maxLength, CancellationToken cancellationToken)
    {
        var scanned = 0;
        while (true)
        {
            var index = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (index >= 0)
            {
                var length = scanned + index;
                if (length > maxLength)
                {
                    var excerpt = ExcerptBytes(length);
                    var offset = _position;
                    Consume(length + 1);
                    return new Chunk(ChunkStatus.TooLong, offset, 0, length, Terminated: true, excerpt);
                }

                var line = new Chunk(ChunkStatus.Ok, _position, _start, length, Terminated: true, null);
                Consume(length + 1);
                return line;
            }

            scanned = _end - _start;
            if (scanned > maxLength)
            {
                return await SkipLongLineAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_eof)
            {
                if (scanned == 0)
                {
                    return new Chunk(ChunkStatus.End, _position, _start, 0, Terminated: false, null);
                }

                var last = new Chunk(ChunkStatus.Ok, _position, _start, scanned, Terminated: false, null);
                Consume(scanned);
                return last;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads exactly <paramref name="count"/> bytes, or what is left when the stream ends first
    /// (<see cref="ChunkStatus.Truncated"/>).
    /// </summary>
    public async ValueTask<Chunk> ReadBlockAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count && !_eof)
        {
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }

        var available = Math.Min(count, _end - _start);
        var block = new Chunk(available == count ? ChunkStatus.Ok : ChunkStatus.Truncated, _position, _start, available, Terminated: true, null);
        Consume(available);
        return block;
    }

    /// <summary>Discards up to <paramref name="count"/> bytes; returns how many there were.</summary>
    public async ValueTask<long> SkipAsync(long count, CancellationToken cancellationToken)
    {
        long skipped = 0;
        while (skipped < count)
        {
            if (_start == _end)
            {
                if (_eof)
                {
                    break;
                }

                await FillAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var take = (int)Math.Min(count - skipped, _end - _start);
            Consume(take);
            skipped += take;
        }

        return skipped;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask<Chunk> SkipLongLineAsync(CancellationToken cancellationToken)
    {
        var offset = _position;
        var excerpt = ExcerptBytes(_end - _start);
        long length = 0;
        while (true)
        {
            var index = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (index >= 0)
            {
                length += index;
                Consume(index + 1);
                return new Chunk(ChunkStatus.TooLong, offset, 0, (int)Math.Min(length, int.MaxValue), Terminated: true, excerpt);
            }

            length += _end - _start;
            Consume(_end - _start);
            if (_eof)
            {
                return new Chunk(ChunkStatus.TooLong, offset, 0, (int)Math.Min(length, int.MaxValue), Terminated: false, excerpt);
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private byte[] ExcerptBytes(int available) => _buffer.AsSpan(_start, Math.Min(available, 1024)).ToArray();

    private void Consume(int count)
    {
        _start += count;
        _position += count;
        if (_start == _end)
        {
            _start = 0;
            _end = 0;
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            // Move the unread bytes to the front so the next read has room.
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        // Grow by doubling (not straight to what a block asks for), so a large limit costs memory only when used.
        if (_buffer.Length - _end < MinimumRead)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _end + MinimumRead));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }
}
