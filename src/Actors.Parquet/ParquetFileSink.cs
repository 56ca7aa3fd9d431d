namespace Actors.Parquet;

/// <summary>
/// A Parquet file written through an <see cref="AtomicFile"/>: rows go to <see cref="Writer"/>, and
/// <see cref="CommitAsync"/> writes the footer, fsyncs and renames <c>PATH.tmp</c> to <c>PATH</c>.
/// Disposing without a commit discards the temporary file, so a failed or cancelled write never
/// leaves a file under the final name.
/// </summary>
public sealed class ParquetFileSink : IAsyncDisposable
{
    private readonly AtomicFile _file;

    private ParquetFileSink(AtomicFile file, ParquetWriter writer)
    {
        _file = file;
        Writer = writer;
    }

    /// <summary>The writer for rows and row groups.</summary>
    public ParquetWriter Writer { get; }

    /// <summary>The final path.</summary>
    public string Path => _file.Path;

    /// <summary>Opens <c>PATH.tmp</c> and starts a Parquet file in it.</summary>
    public static async Task<ParquetFileSink> CreateAsync(string path, ParquetSchema schema, ParquetWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        var file = AtomicFile.Create(path);
        try
        {
            var writer = await ParquetWriter.CreateAsync(schema, file.Stream, options, cancellationToken).ConfigureAwait(false);
            return new ParquetFileSink(file, writer);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Completes the file (footer), makes it durable and moves it to its final path.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await Writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        await _file.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Discards the temporary file unless <see cref="CommitAsync"/> succeeded.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_file.IsCommitted)
        {
            await Writer.AbandonAsync().ConfigureAwait(false);
        }

        await _file.DisposeAsync().ConfigureAwait(false);
    }
}
