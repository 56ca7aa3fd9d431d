namespace Actors.Parquet;

/// <summary>
/// Writer settings. The defaults match <c>actors.parquet</c> in <c>hocon/reference.conf</c>.
/// </summary>
public sealed record ParquetWriterOptions
{
    /// <summary>Page compression; default <see cref="ParquetCodec.Snappy"/> (<c>codec = snappy</c>).</summary>
    public ParquetCodec Codec { get; init; } = ParquetCodec.Snappy;

    /// <summary>
    /// Target uncompressed bytes buffered per row group before the record-level API writes it out;
    /// default 64 MiB (<c>row-group-size</c>). Memory use is bounded by about one row group, or two
    /// with <see cref="BackgroundRowGroupWrites"/>.
    /// </summary>
    public long RowGroupSize { get; init; } = 64L * 1024 * 1024;

    /// <summary>Target uncompressed bytes per data page; default 1 MiB (<c>page-size</c>).</summary>
    public int PageSize { get; init; } = 1024 * 1024;

    /// <summary>
    /// Largest PLAIN-encoded dictionary a column chunk may have; a chunk whose distinct values need
    /// more is written PLAIN instead. Default 1 MiB (<c>dictionary-page-size-limit</c>); 0 disables
    /// dictionary encoding.
    /// </summary>
    public int DictionaryPageSizeLimit { get; init; } = 1024 * 1024;

    /// <summary>Data page format, 1 or 2; default 1 (<c>data-page-version</c>), which every reader supports.</summary>
    public int DataPageVersion { get; init; } = 1;

    /// <summary>Whether column chunks carry null counts and min/max; default true (<c>write-statistics</c>).</summary>
    public bool WriteStatistics { get; init; } = true;

    /// <summary>
    /// Whether the record-level API encodes and writes a full row group on the thread pool while the
    /// caller buffers the next one; default true (<c>background-row-group-writes</c>). Encoding and
    /// compression then overlap with building rows, at the price of a second row group in memory.
    /// The file's bytes are the same either way.
    /// </summary>
    public bool BackgroundRowGroupWrites { get; init; } = true;

    /// <summary>
    /// The footer's <c>created_by</c>, in the standard <c>app version x.y.z (build hash)</c> form.
    /// Defaults to this library's name and version.
    /// </summary>
    public string CreatedBy { get; init; } = DefaultCreatedBy;

    /// <summary>
    /// How many pages of a compressed column chunk may be encoded at once; default one per
    /// processor. The file's bytes do not depend on it. Not a public setting yet: tests and the
    /// benchmark set it to compare with serial writing.
    /// </summary>
    internal int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    internal static string DefaultCreatedBy { get; } =
        $"Actors.Parquet version {typeof(ParquetWriterOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"} (build unknown)";

    /// <summary>Throws when a setting is out of range, naming the setting and the accepted values.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Codec))
        {
            throw new ArgumentException($"ParquetWriterOptions.Codec is {(int)Codec}; use None, Snappy or Gzip.");
        }

        if (RowGroupSize <= 0)
        {
            throw new ArgumentException($"ParquetWriterOptions.RowGroupSize is {RowGroupSize}; it must be a positive number of bytes (e.g. 64 MiB).");
        }

        if (PageSize <= 0)
        {
            throw new ArgumentException($"ParquetWriterOptions.PageSize is {PageSize}; it must be a positive number of bytes (e.g. 1 MiB).");
        }

        if (DictionaryPageSizeLimit < 0)
        {
            throw new ArgumentException($"ParquetWriterOptions.DictionaryPageSizeLimit is {DictionaryPageSizeLimit}; use 0 (no dictionary) or a positive number of bytes.");
        }

        if (DataPageVersion is not (1 or 2))
        {
            throw new ArgumentException($"ParquetWriterOptions.DataPageVersion is {DataPageVersion}; use 1 or 2.");
        }
    }
}
