using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Actors.Parquet.Encodings;
using Actors.Parquet.Format;
using Actors.Parquet.Reading;
using Actors.Parquet.Thrift;

namespace Actors.Parquet;

/// <summary>
/// Reads Parquet files of the supported column kinds (ours and other writers'): the footer first,
/// then one row group at a time, so memory holds at most one row group's columns. The stream must
/// be seekable.
/// </summary>
public sealed class ParquetReader : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly FileMetadata _metadata;
    private readonly IReadOnlyList<LeafColumn> _leaves;

    private ParquetReader(Stream stream, bool leaveOpen, FileMetadata metadata)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _metadata = metadata;
        (Schema, _leaves) = SchemaMapper.FromElements(metadata.Schema);
        var customMetadata = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var entry in metadata.KeyValues)
        {
            customMetadata[entry.Key] = entry.Value;
        }

        CustomMetadata = customMetadata;
        RowGroups = [.. metadata.RowGroups.Select(Describe)];
    }

    /// <summary>The file's columns.</summary>
    public ParquetSchema Schema { get; }

    /// <summary>Rows in the file, according to the footer.</summary>
    public long RowCount => _metadata.NumRows;

    /// <summary>Number of row groups.</summary>
    public int RowGroupCount => _metadata.RowGroups.Count;

    /// <summary>The footer's key/value metadata.</summary>
    public IReadOnlyDictionary<string, string?> CustomMetadata { get; }

    /// <summary>The writer that made the file, when it says.</summary>
    public string? CreatedBy => _metadata.CreatedBy;

    /// <summary>The footer's <c>version</c> field.</summary>
    public int FormatVersion => _metadata.Version;

    /// <summary>Row group and column chunk layout, as the footer describes it.</summary>
    public IReadOnlyList<ParquetRowGroupInfo> RowGroups { get; }

    /// <summary>Opens a file for reading.</summary>
    public static async Task<ParquetReader> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.RandomAccess);
        try
        {
            return await CreateAsync(stream, leaveOpen: false, cancellationToken).ConfigureAwait(false);
        }
        catch (ParquetFormatException e)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new ParquetFormatException($"{path}: {e.Message}", e);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the footer of the Parquet file in <paramref name="stream"/> (which must be seekable).</summary>
    public static async Task<ParquetReader> CreateAsync(Stream stream, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("ParquetReader needs a readable, seekable stream (the footer is at the end).", nameof(stream));
        }

        long length = stream.Length;
        if (length < 12)
        {
            throw new ParquetFormatException($"The data is {length} bytes long; a Parquet file has at least 12 (two magic markers and a footer length).");
        }

        var tail = await ReadAtAsync(stream, length - 8, 8, cancellationToken).ConfigureAwait(false);
        if (!tail.AsSpan(4).SequenceEqual("PAR1"u8))
        {
            throw new ParquetFormatException("The data does not end with the Parquet magic bytes 'PAR1'; it is not a Parquet file, or it is truncated (an unfinished write?).");
        }

        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > length - 12)
        {
            throw new ParquetFormatException($"The footer length {footerLength} does not fit in a file of {length} bytes; the file is corrupt.");
        }

        var footer = await ReadAtAsync(stream, length - 8 - footerLength, footerLength, cancellationToken).ConfigureAwait(false);
        FileMetadata metadata;
        try
        {
            metadata = FileMetadata.Read(new ThriftCompactReader(footer));
        }
        catch (IndexOutOfRangeException e)
        {
            throw new ParquetFormatException("The footer could not be decoded; the file is corrupt.", e);
        }

        return new ParquetReader(stream, leaveOpen, metadata);
    }

    /// <summary>Reads one column of one row group, in the shape <see cref="ParquetColumn"/> describes.</summary>
    public async Task<ParquetColumn> ReadColumnAsync(int rowGroup, ParquetField field, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!Schema.TryGetIndex(field.Name, out int index))
        {
            throw new ArgumentException($"The file has no column '{field.Name}'.", nameof(field));
        }

        return await ReadColumnAtAsync(rowGroup, index, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every column of one row group.</summary>
    public async Task<IReadOnlyList<ParquetColumn>> ReadRowGroupAsync(int rowGroup, CancellationToken cancellationToken = default)
    {
        var columns = new ParquetColumn[_leaves.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = await ReadColumnAtAsync(rowGroup, i, cancellationToken).ConfigureAwait(false);
        }

        return columns;
    }

    /// <summary>Streams every row as column name to value, reading one row group at a time.</summary>
    public async IAsyncEnumerable<IReadOnlyDictionary<string, object?>> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int group = 0; group < RowGroupCount; group++)
        {
            var columns = await ReadRowGroupAsync(group, cancellationToken).ConfigureAwait(false);
            long rows = _metadata.RowGroups[group].NumRows;
            for (int row = 0; row < rows; row++)
            {
                var values = new Dictionary<string, object?>(columns.Count, StringComparer.Ordinal);
                foreach (var column in columns)
                {
                    values[column.Field.Name] = column.Data.GetValue(row);
                }

                yield return values;
            }
        }
    }

    /// <summary>Closes the stream unless it was opened with <c>leaveOpen</c>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_leaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<ParquetColumn> ReadColumnAtAsync(int rowGroup, int index, CancellationToken cancellationToken)
    {
        if ((uint)rowGroup >= (uint)RowGroupCount)
        {
            throw new ArgumentOutOfRangeException(nameof(rowGroup), rowGroup, $"The file has {RowGroupCount} row group(s).");
        }

        var group = _metadata.RowGroups[rowGroup];
        var leaf = _leaves[index];
        if (index >= group.Columns.Count)
        {
            throw new ParquetFormatException($"Row group {rowGroup} has {group.Columns.Count} column chunks but the schema has {_leaves.Count} columns.");
        }

        var metadata = group.Columns[index];
        string where = $"row group {rowGroup}, column '{string.Join('.', leaf.Path)}'";
        long start = metadata.ChunkStart;
        if (start < 4 || metadata.TotalCompressedSize < 0 || start + metadata.TotalCompressedSize > _stream.Length || metadata.TotalCompressedSize > int.MaxValue)
        {
            throw new ParquetFormatException($"{where}: the chunk at byte {start} with {metadata.TotalCompressedSize} bytes lies outside the file.");
        }

        var chunk = await ReadAtAsync(_stream, start, (int)metadata.TotalCompressedSize, cancellationToken).ConfigureAwait(false);
        try
        {
            var decoded = ColumnChunkReader.Read(chunk, leaf, metadata, where);
            return new ParquetColumn(leaf.Field, ColumnAssembler.Assemble(decoded, leaf, group.NumRows, where));
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidDataException)
        {
            throw new ParquetFormatException($"{where}: the page data is corrupt ({e.Message}).", e);
        }
    }

    private static ParquetRowGroupInfo Describe(RowGroupMetadata group) => new(
        group.NumRows,
        group.TotalByteSize,
        group.Columns.Sum(c => c.TotalCompressedSize),
        [.. group.Columns.Select(c => new ParquetColumnChunkInfo(
            string.Join('.', c.PathInSchema),
            ThriftName(c.Type.ToString()),
            PageCodec.Name(c.Codec),
            [.. c.Encodings.Select(e => ThriftName(e.ToString()))],
            c.NumValues,
            c.TotalCompressedSize,
            c.TotalUncompressedSize,
            c.Statistics?.NullCount,
            c.DictionaryPageOffset is > 0))]);

    /// <summary>PascalCase enum name to the spec's UPPER_SNAKE form (ByteArray to BYTE_ARRAY).</summary>
    private static string ThriftName(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) && !char.IsDigit(name[i - 1]) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    private static async Task<byte[]> ReadAtAsync(Stream stream, long offset, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        stream.Seek(offset, SeekOrigin.Begin);
        await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer;
    }
}
