namespace Actors.Parquet.Format;

/// <summary>parquet.thrift <c>TimeUnit</c> union ids.</summary>
internal enum TimestampUnit
{
    Millis = 1,
    Micros = 2,
    Nanos = 3,
}
