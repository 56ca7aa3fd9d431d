using System.IO.Compression;
using IronSnappy;

namespace Actors.Parquet.Encodings;

/// <summary>
/// Codec ids and page decompression; <see cref="PageCompressor"/> compresses. Snappy is the raw
/// block format (not framed); gzip is a real RFC 1952 member (not zlib, not raw deflate).
/// </summary>
internal static class PageCodec
{
    public const int Uncompressed = 0;
    public const int Snappy = 1;
    public const int Gzip = 2;

    public static int ThriftId(ParquetCodec codec) => codec switch
    {
        ParquetCodec.None => Uncompressed,
        ParquetCodec.Snappy => Snappy,
        ParquetCodec.Gzip => Gzip,
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "Unknown codec; use None, Snappy or Gzip."),
    };

    public static string Name(int thriftId) => thriftId switch
    {
        0 => "UNCOMPRESSED",
        1 => "SNAPPY",
        2 => "GZIP",
        3 => "LZO",
        4 => "BROTLI",
        5 => "LZ4",
        6 => "ZSTD",
        7 => "LZ4_RAW",
        _ => $"codec {thriftId}",
    };

    public static ReadOnlyMemory<byte> Decompress(int codec, ReadOnlyMemory<byte> body, int uncompressedSize, string where)
    {
        switch (codec)
        {
            case Uncompressed:
                return body;
            case Snappy:
                return IronSnappy.Snappy.Decode(body.Span);
            case Gzip:
                var result = new byte[uncompressedSize];
                using (var input = new MemoryStream(body.ToArray(), writable: false))
                using (var gzip = new GZipStream(input, CompressionMode.Decompress))
                {
                    gzip.ReadExactly(result);
                }

                return result;
            default:
                throw new ParquetFormatException($"{where} uses codec {Name(codec)}, which this reader does not support (supported: UNCOMPRESSED, SNAPPY, GZIP). Re-encode the file with one of those.");
        }
    }
}
