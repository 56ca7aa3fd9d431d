using Actors.Parquet.Format;
using Actors.Parquet.Writing;

namespace Actors.Parquet;

/// <summary>
/// The low-level column API: one row group written column by column, in schema order. Each
/// column's chunk goes to the stream when it is written, so only one column is encoded at a time.
/// Completing (or disposing) adds the row group to the footer; a row group with 0 rows is not written.
/// </summary>
public sealed class ParquetRowGroupWriter : IAsyncDisposable
{
    private readonly ParquetWriter _writer;
    private readonly IReadOnlyList<LeafColumn> _leaves;
    private readonly List<ColumnMetadata> _columns = [];
    private readonly long _start;
    private int _rowCount = -1;
    private int _written;
    private bool _completed;

    internal ParquetRowGroupWriter(ParquetWriter writer, IReadOnlyList<LeafColumn> leaves, long start)
    {
        _writer = writer;
        _leaves = leaves;
        _start = start;
    }

    /// <summary>Writes the next column; it must be the schema's next field and have the same row count as the others.</summary>
    public async Task WriteColumnAsync(ParquetColumn column, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(column);
        _writer.EnsureWritable();
        int index = _written;
        if (_completed || index >= _leaves.Count)
        {
            throw new InvalidOperationException("Every column of this row group is written already.");
        }

        var leaf = _leaves[index];
        if (column.Field.Name != leaf.Field.Name || column.Field.Kind != leaf.Field.Kind)
        {
            throw new ArgumentException($"Expected column '{leaf.Field.Name}' ({leaf.Field}) next, got '{column.Field.Name}' ({column.Field}); write columns in schema order.", nameof(column));
        }

        if (_rowCount >= 0 && column.RowCount != _rowCount)
        {
            throw new ArgumentException($"Column '{leaf.Field.Name}' has {column.RowCount} rows but the row group's first column has {_rowCount}.", nameof(column));
        }

        _rowCount = column.RowCount;
        var buffer = new ColumnBuffer(leaf);
        buffer.AppendColumn(column.Data);
        _written++;
        if (_rowCount == 0)
        {
            // Empty row groups are not allowed in files; count the column and write nothing.
            return;
        }

        _columns.Add(await _writer.WriteChunkAsync(buffer, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Adds the row group to the file; throws when a column is missing.</summary>
    public Task CompleteAsync()
    {
        if (_completed)
        {
            return Task.CompletedTask;
        }

        if (_written != _leaves.Count)
        {
            throw new InvalidOperationException($"The row group has {_written} of {_leaves.Count} columns; the next one to write is '{_leaves[_written].Field.Name}'.");
        }

        _completed = true;
        _writer.CloseRowGroup(this);
        if (_rowCount > 0)
        {
            _writer.AddRowGroup(_columns, _rowCount, _start);
        }

        return Task.CompletedTask;
    }

    /// <summary>Same as <see cref="CompleteAsync"/>.</summary>
    public ValueTask DisposeAsync() => new(CompleteAsync());
}
