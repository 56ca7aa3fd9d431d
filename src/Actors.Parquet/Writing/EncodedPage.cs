using System.Buffers;
using Actors.Parquet.Format;
using Actors.Parquet.Thrift;

namespace Actors.Parquet.Writing;

/// <summary>
/// One page, encoded and compressed but not yet placed in the chunk: its header and its bytes (for
/// v2, the uncompressed levels, then the compressed values) in an array rented from the shared
/// pool. Pages are made in parallel and written in order, so each must own its bytes until then.
/// </summary>
internal sealed class EncodedPage
{
    private byte[]? _bytes;
    private readonly int _length;

    public EncodedPage(PageHeader header, ReadOnlySpan<byte> levels, ReadOnlySpan<byte> body)
    {
        Header = header;
        _length = levels.Length + body.Length;
        _bytes = ArrayPool<byte>.Shared.Rent(_length);
        levels.CopyTo(_bytes);
        body.CopyTo(_bytes.AsSpan(levels.Length));
    }

    public PageHeader Header { get; }

    /// <summary>Appends header and bytes to <paramref name="output"/>, returns the pooled array, and returns the page's uncompressed size with its header.</summary>
    public long WriteTo(ArrayBufferWriter<byte> output)
    {
        var bytes = _bytes ?? throw new InvalidOperationException("This page was written already.");
        int before = output.WrittenCount;
        Header.Write(new ThriftCompactWriter(output));
        int headerLength = output.WrittenCount - before;
        output.Write(bytes.AsSpan(0, _length));
        Release();
        return headerLength + Header.UncompressedSize;
    }

    /// <summary>Gives the array back without writing (when another page failed).</summary>
    public void Release()
    {
        if (_bytes is { } bytes)
        {
            _bytes = null;
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
