namespace Actors.Hocon.Tests.Options;

/// <summary>A stand-in for a component's options record: init properties with defaults.</summary>
public sealed record ParquetLikeOptions
{
    public Compression Codec { get; init; } = Compression.Snappy;

    public long RowGroupSize { get; init; } = 64L << 20;

    public int PageSize { get; init; } = 1 << 20;

    public long DictionaryPageSizeLimit { get; init; } = 1L << 20;

    public int DataPageVersion { get; init; } = 1;

    public bool WriteStatistics { get; init; } = true;

    public bool BackgroundRowGroupWrites { get; init; } = true;

    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> Columns { get; init; } = [];

    public string? Comment { get; init; }
}
