namespace Actors.Parquet;

/// <summary>
/// The commit primitive for output files: bytes go to <c>PATH.tmp</c>; <see cref="CommitAsync"/>
/// flushes them to disk (fsync) and renames the file to <c>PATH</c>, replacing any previous one, so a
/// reader sees either the old file or the whole new one. Disposing without committing deletes the
/// temporary file. The directory entry itself is not fsynced (.NET offers no portable way); after a
/// power loss right after the rename the old name may reappear, never a partial file.
/// </summary>
public sealed class AtomicFile : IAsyncDisposable
{
    private readonly FileStream _stream;
    private bool _committed;
    private bool _disposed;

    private AtomicFile(string path, string temporaryPath, FileStream stream)
    {
        Path = path;
        TemporaryPath = temporaryPath;
        _stream = stream;
    }

    /// <summary>The final path, written on commit.</summary>
    public string Path { get; }

    /// <summary>Where the bytes go until the commit: <see cref="Path"/> plus <c>.tmp</c> (or a random infix and <c>.tmp</c>).</summary>
    public string TemporaryPath { get; }

    /// <summary>The stream to write to.</summary>
    public Stream Stream => _stream;

    /// <summary>Whether <see cref="CommitAsync"/> has completed.</summary>
    public bool IsCommitted => _committed;

    /// <summary>Creates (or truncates) <c>PATH.tmp</c>, creating the directory when needed.</summary>
    public static AtomicFile Create(string path) => Create(path, uniqueTemporary: false);

    /// <summary>
    /// Like <see cref="Create(string)"/>; with <paramref name="uniqueTemporary"/> the bytes go to
    /// <c>PATH.RANDOM.tmp</c> instead, for files that several processes may write at once (the last rename wins,
    /// and each writer's file is whole).
    /// </summary>
    public static AtomicFile Create(string path, bool uniqueTemporary)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        string? directory = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        string temporary = uniqueTemporary ? $"{full}.{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6))}.tmp" : full + ".tmp";
        var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        return new AtomicFile(full, temporary, stream);
    }

    /// <summary>Flushes to disk, closes and renames the temporary file to <see cref="Path"/>.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed)
        {
            return;
        }

        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);

        // Flush(true) is fsync: the data must be durable before the rename makes it visible.
        _stream.Flush(flushToDisk: true);
        await _stream.DisposeAsync().ConfigureAwait(false);
        File.Move(TemporaryPath, Path, overwrite: true);
        _committed = true;
    }

    /// <summary>Closes the file; when it was not committed, deletes the temporary file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stream.DisposeAsync().ConfigureAwait(false);
        if (!_committed)
        {
            File.Delete(TemporaryPath);
        }
    }
}
