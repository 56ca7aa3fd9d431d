using System.Buffers;
using System.IO.Compression;

namespace Actors.Parquet.Encodings;

/// <summary>
/// Compresses pages for one writer with the file's codec, into a buffer it reuses: the result is
/// valid until the next call. Snappy is the raw block format (not framed); gzip is a real RFC 1952
/// member (not zlib, not raw deflate). Every page is compressed on its own.
/// </summary>
internal sealed class PageCompressor
{
    private readonly int _codec;
    private readonly ArrayBufferWriter<byte> _output = new();
    private readonly MemoryStream _gzipOutput = new();
    private ushort[]? _snappyTable;

    public PageCompressor(int codec)
    {
        if (codec is not (PageCodec.Uncompressed or PageCodec.Snappy or PageCodec.Gzip))
        {
            throw new ArgumentOutOfRangeException(nameof(codec), codec, "Unknown codec id.");
        }

        _codec = codec;
    }

    public ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> body)
    {
        switch (_codec)
        {
            case PageCodec.Snappy:
                _snappyTable ??= new ushort[SnappyCompressor.TableSize];
                _output.ResetWrittenCount();
                int length = SnappyCompressor.Compress(body, _output.GetSpan(SnappyCompressor.MaxCompressedLength(body.Length)), _snappyTable);
                _output.Advance(length);
                return _output.WrittenSpan;
            case PageCodec.Gzip:
                _gzipOutput.SetLength(0);
                using (var gzip = new GZipStream(_gzipOutput, CompressionLevel.Fastest, leaveOpen: true))
                {
                    gzip.Write(body);
                }

                return _gzipOutput.GetBuffer().AsSpan(0, (int)_gzipOutput.Length);
            default:
                return body;
        }
    }
}
