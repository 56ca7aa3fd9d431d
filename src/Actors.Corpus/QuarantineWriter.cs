using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Actors.Corpus.Reading;

namespace Actors.Corpus;

/// <summary>
/// Appends quarantine entries to a JSON Lines file, one object per bad record:
/// <c>{"shard":..,"ordinal":..,"byte_offset":..,"reason":..,"excerpt":..}</c>.
/// </summary>
/// <remarks>
/// The file is opened for appending, so a resumed run adds to it. Excerpts are cut to about 200 characters and
/// are always valid UTF-8 (lone surrogates become U+FFFD). Entries are buffered; <see cref="FlushAsync"/> and
/// <see cref="DisposeAsync"/> write them out, and disposing also flushes the file to disk.
/// Not thread-safe: give each writer one owner.
/// </remarks>
public sealed class QuarantineWriter : IAsyncDisposable
{
    /// <summary>The file name used when none is given.</summary>
    public const string DefaultFileName = "quarantine.jsonl";

    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FileStream _file;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;
    private bool _disposed;

    private QuarantineWriter(FileStream file)
    {
        _file = file;
        _writer = new Utf8JsonWriter(_buffer, s_json);
    }

    /// <summary>The file entries are appended to.</summary>
    public string Path => _file.Name;

    /// <summary>Entries written by this writer.</summary>
    public long Count { get; private set; }

    /// <summary>Opens (creating the directory and file when needed) <paramref name="fileName"/> under <paramref name="directory"/>.</summary>
    /// <param name="directory">The run's quarantine directory, for example <c>OUT/quarantine</c>.</param>
    /// <param name="fileName">The file name; <see cref="DefaultFileName"/> when null.</param>
    /// <returns>The writer.</returns>
    /// <exception cref="IOException">The file cannot be created or opened.</exception>
    public static QuarantineWriter Open(string directory, string? fileName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, fileName ?? DefaultFileName);
        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
        return new QuarantineWriter(file);
    }

    /// <summary>Appends one entry (buffered).</summary>
    /// <param name="record">The bad record.</param>
    /// <param name="cancellationToken">Cancels a write to the file.</param>
    /// <returns>A task that completes when the entry is buffered or written.</returns>
    public async ValueTask WriteAsync(QuarantinedRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writer.WriteStartObject();
        _writer.WriteString("shard", Sanitize(record.Shard.Value));
        _writer.WriteNumber("ordinal", record.Ordinal);
        if (record.ByteOffset is { } offset)
        {
            _writer.WriteNumber("byte_offset", offset);
        }
        else
        {
            _writer.WriteNull("byte_offset");
        }

        _writer.WriteString("reason", Sanitize(record.Reason));
        _writer.WriteString("excerpt", Excerpt.FromText(record.Excerpt ?? string.Empty));
        _writer.WriteEndObject();
        _writer.Flush();
        _writer.Reset();
        _buffer.Write("\n"u8);
        Count++;
        if (_buffer.WrittenCount >= 64 * 1024)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes buffered entries to the file.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the entries are in the file (not necessarily on disk).</returns>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_buffer.WrittenCount > 0)
        {
            await _file.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _buffer.ResetWrittenCount();
        }

        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes what is buffered, flushes the file to disk and closes it.</summary>
    /// <returns>A task that completes when the file is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await FlushAsync().ConfigureAwait(false);
            _file.Flush(flushToDisk: true);
        }
        finally
        {
            _disposed = true;
            await _writer.DisposeAsync().ConfigureAwait(false);
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Reasons and shard ids are ours and short, but may quote input: keep them valid UTF-16 (so valid UTF-8 on disk).
    private static string Sanitize(string text)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
            {
                return string.Create(text.Length, text, static (span, source) =>
                {
                    for (var i = 0; i < source.Length; i++)
                    {
                        var c = source[i];
                        var paired = char.IsHighSurrogate(c) ? i + 1 < source.Length && char.IsLowSurrogate(source[i + 1])
                            : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(source[i - 1]);
                        span[i] = char.IsSurrogate(c) && !paired ? '\uFFFD' : c;
                    }
                });
            }
        }

        return text;
    }
}
