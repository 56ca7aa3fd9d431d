namespace Actors.Parquet.Format;

/// <summary>The legacy <c>ConvertedType</c> values this library writes or recognises.</summary>
internal enum ConvertedType
{
    Utf8 = 0,
    List = 3,
    TimestampMillis = 9,
    TimestampMicros = 10,
    Int32 = 17,
    Int64 = 18,
}
