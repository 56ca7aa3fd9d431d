namespace Actors.Parquet.Format;

/// <summary>Union field ids of parquet.thrift <c>LogicalType</c> that matter here.</summary>
internal enum LogicalTypeKind
{
    None = 0,
    String = 1,
    Map = 2,
    List = 3,
    Enum = 4,
    Decimal = 5,
    Date = 6,
    Time = 7,
    Timestamp = 8,
    Integer = 10,
    Unknown = 11,
    Json = 12,
    Other = 99,
}
