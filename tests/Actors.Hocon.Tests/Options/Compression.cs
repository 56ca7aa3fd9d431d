namespace Actors.Hocon.Tests.Options;

public enum Compression
{
    None,
    Snappy,
    Gzip,
    ZstdFast,
}
