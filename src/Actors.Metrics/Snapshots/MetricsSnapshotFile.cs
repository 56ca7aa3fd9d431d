namespace Actors.Metrics.Snapshots;

/// <summary>
/// The <c>DIR/metrics.json</c> file of a run: one <see cref="MetricsSnapshot"/> as JSON (see
/// <see cref="MetricsSnapshot.ToJson"/>), replaced atomically: written to a temporary file in the same
/// directory, flushed to disk, then renamed over the old one, so a reader sees the previous snapshot or the
/// new one, never a partial file.
/// </summary>
public static class MetricsSnapshotFile
{
    /// <summary>The file name inside a run directory.</summary>
    public const string FileName = "metrics.json";

    /// <summary>Writes <paramref name="snapshot"/> to <paramref name="path"/> atomically (temporary file, fsync, rename).</summary>
    public static async Task WriteAsync(string path, MetricsSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(snapshot);
        string full = Path.GetFullPath(path);
        string temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(snapshot.ToJsonUtf8(), cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Reads the snapshot at <paramref name="path"/>.</summary>
    /// <returns>The snapshot, or why it could not be read (missing file, not a snapshot).</returns>
    public static async Task<MetricsReadResult> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return MetricsReadResult.Failed($"{path} does not exist (yet): a run writes it every actors.metrics.snapshot-interval");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return MetricsReadResult.Failed($"{path}: {e.Message}");
        }

        var result = MetricsSnapshot.FromJson(bytes);
        return result.IsSuccess ? result : MetricsReadResult.Failed($"{path}: {result.Error}");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure matters more; a stray .tmp file is harmless and named as such.
        }
    }
}
