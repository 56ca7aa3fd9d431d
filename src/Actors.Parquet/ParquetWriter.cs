using System.Buffers;
using System.Buffers.Binary;
using Actors.Parquet.Format;
using Actors.Parquet.Thrift;
using Actors.Parquet.Writing;

namespace Actors.Parquet;

/// <summary>
/// Writes a Parquet file to a stream in one pass (the stream need not be seekable). Two ways in:
/// the record-level <see cref="WriteRowAsync(IReadOnlyDictionary{string, object?}, CancellationToken)"/>,
/// which buffers rows and writes a row group whenever about <see cref="ParquetWriterOptions.RowGroupSize"/>
/// bytes are buffered, and the low-level <see cref="CreateRowGroup"/> for whole columns.
/// Completing (or disposing) writes the footer; the stream is left open. With snappy or gzip, a
/// column chunk's pages are compressed in parallel on the thread pool (up to one per processor);
/// the bytes written are the same as from one thread.
/// With <see cref="ParquetWriterOptions.BackgroundRowGroupWrites"/> (the default), a full row group of
/// the record-level API is encoded and written on the thread pool while the caller buffers the next
/// one: at most two row groups are in memory, one filling and one being written, and the caller
/// only waits when it fills the second before the first is out. A failure of the background write
/// is thrown by the next call.
/// </summary>
public sealed class ParquetWriter : IAsyncDisposable
{
    private static readonly byte[] _magic = "PAR1"u8.ToArray();

    private readonly Stream _stream;
    private readonly IReadOnlyList<LeafColumn> _leaves;
    private ColumnBuffer[] _buffers;
    private ColumnBuffer[]? _spareBuffers;
    private Task<PendingRowGroup>? _pendingWrite;
    private int _pendingRows;
    private readonly List<RowGroupMetadata> _rowGroups = [];
    private readonly ArrayBufferWriter<byte> _scratch = new();
    private readonly ColumnChunkWriter _chunkWriter;
    private long _position;
    private long _rowsInRowGroups;
    private bool _completed;
    private bool _abandoned;
    private ParquetRowGroupWriter? _openRowGroup;

    private ParquetWriter(ParquetSchema schema, Stream stream, ParquetWriterOptions options)
    {
        Schema = schema;
        Options = options;
        _stream = stream;
        _leaves = SchemaMapper.Leaves(schema);
        _buffers = [.. _leaves.Select(l => new ColumnBuffer(l))];
        _chunkWriter = new ColumnChunkWriter(options);
    }

    /// <summary>The schema every row and column must follow.</summary>
    public ParquetSchema Schema { get; }

    /// <summary>The settings in effect.</summary>
    public ParquetWriterOptions Options { get; }

    /// <summary>Key/value metadata written into the footer; set entries before completing.</summary>
    public IDictionary<string, string> CustomMetadata { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Estimated uncompressed bytes of rows buffered by the record-level API (at most about one row group).</summary>
    public long BufferedBytes
    {
        get
        {
            // A loop, not LINQ: the record API asks once per row.
            long total = 0;
            foreach (var buffer in _buffers)
            {
                total += buffer.EstimatedBytes;
            }

            return total;
        }
    }

    /// <summary>Rows buffered by the record-level API and not yet written as a row group.</summary>
    public int BufferedRows => _buffers[0].RowCount;

    /// <summary>Rows accepted so far, buffered ones and ones being written in the background included.</summary>
    public long RowCount => _rowsInRowGroups + _pendingRows + BufferedRows;

    /// <summary>Row groups written so far, one being written in the background included.</summary>
    public int RowGroupCount => _rowGroups.Count + (_pendingWrite is null ? 0 : 1);

    /// <summary>Bytes written to the stream so far.</summary>
    public long BytesWritten => Volatile.Read(ref _position);

    /// <summary>Starts a file on <paramref name="stream"/>: validates the options and writes the leading magic bytes.</summary>
    public static async Task<ParquetWriter> CreateAsync(ParquetSchema schema, Stream stream, ParquetWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new ParquetWriterOptions();
        options.Validate();
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream given to ParquetWriter.CreateAsync is not writable.", nameof(stream));
        }

        var writer = new ParquetWriter(schema, stream, options);
        await writer.WriteRawAsync(_magic, cancellationToken).ConfigureAwait(false);
        return writer;
    }

    /// <summary>
    /// Buffers one row given as column name to value. A missing name means null. Values use the
    /// field's .NET type (<see cref="ParquetField.ClrType"/>); an <see cref="int"/> is also accepted
    /// for INT64 and DOUBLE columns, and a UTC or local <see cref="DateTime"/> for timestamps.
    /// Throws <see cref="ArgumentException"/>, buffering nothing, when a value does not fit.
    /// </summary>
    public ValueTask WriteRowAsync(IReadOnlyDictionary<string, object?> row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (string name in row.Keys)
        {
            if (!Schema.TryGetIndex(name, out _))
            {
                throw new ArgumentException($"Row {RowCount} has a column '{name}' that the schema does not have; the schema's columns are {string.Join(", ", Schema.Fields.Select(f => f.Name))}.", nameof(row));
            }
        }

        var values = new object?[_buffers.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = row.TryGetValue(Schema.Fields[i].Name, out object? value) ? value : null;
        }

        return WriteRowAsync(values, cancellationToken);
    }

    /// <summary>Buffers one row given as values in schema order; see the dictionary overload for the accepted types.</summary>
    public async ValueTask WriteRowAsync(IReadOnlyList<object?> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        EnsureWritable();
        if (_openRowGroup is not null)
        {
            throw new InvalidOperationException("A row group from CreateRowGroup is still open; complete it before writing rows.");
        }

        if (values.Count != _buffers.Length)
        {
            throw new ArgumentException($"Row {RowCount} has {values.Count} values but the schema has {_buffers.Length} columns.", nameof(values));
        }

        for (int i = 0; i < _buffers.Length; i++)
        {
            if (_buffers[i].Check(values[i]) is { } problem)
            {
                throw new ArgumentException($"Row {RowCount}: {problem}.", nameof(values));
            }
        }

        for (int i = 0; i < _buffers.Length; i++)
        {
            _buffers[i].AppendChecked(values[i]);
        }

        if (BufferedBytes >= Options.RowGroupSize)
        {
            if (Options.BackgroundRowGroupWrites)
            {
                await StartBackgroundWriteAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Writes the rows buffered so far as a row group (nothing when none are buffered), after waiting
    /// for a row group being written in the background. When it returns, every row accepted so far
    /// is in the stream.
    /// </summary>
    public async Task FlushRowGroupAsync(CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        await AwaitPendingWriteAsync().ConfigureAwait(false);
        int rows = BufferedRows;
        if (rows == 0)
        {
            return;
        }

        var written = await WriteRowGroupAsync(_buffers, rows, cancellationToken).ConfigureAwait(false);
        AddRowGroup(written.Columns, written.Rows, written.Start);
    }

    /// <summary>
    /// Opens a row group for the low-level API: write every column once, in schema order, with the
    /// same row count, then complete or dispose it. Buffered rows must be flushed first.
    /// </summary>
    public ParquetRowGroupWriter CreateRowGroup()
    {
        EnsureWritable();
        if (BufferedRows > 0 || _pendingWrite is not null)
        {
            throw new InvalidOperationException($"{BufferedRows + _pendingRows} rows from WriteRowAsync are buffered or being written; call FlushRowGroupAsync before CreateRowGroup.");
        }

        if (_openRowGroup is not null)
        {
            throw new InvalidOperationException("Another row group is still open; complete it first.");
        }

        _openRowGroup = new ParquetRowGroupWriter(this, _leaves, _position);
        return _openRowGroup;
    }

    /// <summary>Writes buffered rows and the footer. Safe to call more than once.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_completed)
        {
            return;
        }

        if (_openRowGroup is not null)
        {
            throw new InvalidOperationException("A row group from CreateRowGroup was not completed; write all its columns and complete it before completing the file.");
        }

        await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        var metadata = new FileMetadata
        {
            Version = 1,
            Schema = SchemaMapper.ToElements(Schema),
            NumRows = _rowsInRowGroups,
            RowGroups = _rowGroups,
            KeyValues = [.. CustomMetadata.Select(kv => new KeyValueEntry(kv.Key, kv.Value))],
            CreatedBy = Options.CreatedBy,
            ColumnOrderCount = _leaves.Count,
        };
        _scratch.ResetWrittenCount();
        metadata.Write(new ThriftCompactWriter(_scratch));
        int footerLength = _scratch.WrittenCount;
        BinaryPrimitives.WriteInt32LittleEndian(_scratch.GetSpan(4), footerLength);
        _scratch.Advance(4);
        _scratch.Write(_magic);
        await WriteRawAsync(_scratch.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _completed = true;
    }

    /// <summary>Completes the file unless it was completed or abandoned already.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_completed && !_abandoned)
        {
            await CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Marks the output as discarded: nothing more is written, not even the footer. Waits for a
    /// background write to stop touching the stream, and ignores its failure: the output is discarded.
    /// </summary>
    internal async Task AbandonAsync()
    {
        _abandoned = true;
        if (_pendingWrite is { } pending)
        {
            _pendingWrite = null;
            _pendingRows = 0;
            await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Hands the full buffers to a background write and continues with the spare set.</summary>
    private async Task StartBackgroundWriteAsync(CancellationToken cancellationToken)
    {
        // One write at a time: the stream is sequential, and two row groups is the memory bound.
        await AwaitPendingWriteAsync().ConfigureAwait(false);
        var full = _buffers;
        int rows = full[0].RowCount;
        _buffers = _spareBuffers ?? [.. _leaves.Select(l => new ColumnBuffer(l))];
        _spareBuffers = null;
        _pendingRows = rows;
        _pendingWrite = Task.Run(() => WriteRowGroupAsync(full, rows, cancellationToken), cancellationToken);
    }

    /// <summary>Waits for the background write, if any, records its row group and keeps its buffers as the spare set.</summary>
    private async Task AwaitPendingWriteAsync()
    {
        if (_pendingWrite is not { } pending)
        {
            return;
        }

        _pendingWrite = null;
        _pendingRows = 0;
        var written = await pending.ConfigureAwait(false);
        AddRowGroup(written.Columns, written.Rows, written.Start);
        _spareBuffers = written.Buffers;
    }

    /// <summary>Encodes and writes one row group from <paramref name="buffers"/>, clearing each column once its chunk is out.</summary>
    private async Task<PendingRowGroup> WriteRowGroupAsync(ColumnBuffer[] buffers, int rows, CancellationToken cancellationToken)
    {
        var columns = new List<ColumnMetadata>(buffers.Length);
        long start = _position;
        foreach (var buffer in buffers)
        {
            columns.Add(await WriteChunkAsync(buffer, cancellationToken).ConfigureAwait(false));

            // Release the column's values as soon as its chunk is out, not after the whole group.
            buffer.Clear();
        }

        return new PendingRowGroup(columns, rows, start, buffers);
    }

    private sealed record PendingRowGroup(List<ColumnMetadata> Columns, int Rows, long Start, ColumnBuffer[] Buffers);

    internal async Task<ColumnMetadata> WriteChunkAsync(ColumnBuffer buffer, CancellationToken cancellationToken)
    {
        // ResetWrittenCount, not Clear: the chunk is overwritten anyway, and Clear zeroes it all first.
        _scratch.ResetWrittenCount();
        var metadata = _chunkWriter.Encode(buffer, _position, _scratch);
        await WriteRawAsync(_scratch.WrittenMemory, cancellationToken).ConfigureAwait(false);
        return metadata;
    }

    internal void AddRowGroup(List<ColumnMetadata> columns, int rows, long start)
    {
        _rowGroups.Add(new RowGroupMetadata
        {
            Columns = columns,
            NumRows = rows,
            TotalByteSize = columns.Sum(c => c.TotalUncompressedSize),
            TotalCompressedSize = columns.Sum(c => c.TotalCompressedSize),
            FileOffset = start,
            Ordinal = _rowGroups.Count <= short.MaxValue ? (short)_rowGroups.Count : null,
        });
        _rowsInRowGroups += rows;
    }

    internal void CloseRowGroup(ParquetRowGroupWriter rowGroup)
    {
        if (ReferenceEquals(_openRowGroup, rowGroup))
        {
            _openRowGroup = null;
        }
    }

    internal void EnsureWritable()
    {
        if (_completed || _abandoned)
        {
            throw new InvalidOperationException("This Parquet file is already completed (or abandoned); start a new writer to write more.");
        }
    }

    private async Task WriteRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _position, _position + bytes.Length);
    }
}
