namespace Actors.Corpus;

/// <summary>
/// Turns the paths a user gives (files and directories) into the list of shards to read.
/// </summary>
/// <remarks>
/// A file is one shard. A directory expands, recursively, to one shard per file, sorted by relative path
/// (ordinal comparison), so the list and the ids are the same in every run; names starting with '.' are
/// ignored there. Shards keep the order of the paths given; a file reached twice is listed once.
/// Recognised names (case-insensitive), each optionally followed by <c>.gz</c>:
/// <c>.jsonl</c>, <c>.ndjson</c>, <c>.json</c> (JSON Lines), <c>.warc</c>, <c>.wet</c>, <c>.warc.wet</c>,
/// <c>.txt</c>, <c>.md</c>, <c>.markdown</c>.
/// </remarks>
public static class CorpusDiscovery
{
    private static readonly (string Suffix, ShardFormat Format)[] s_suffixes =
    [
        (".warc.wet", ShardFormat.Wet),
        (".wet", ShardFormat.Wet),
        (".warc", ShardFormat.Warc),
        (".jsonl", ShardFormat.Jsonl),
        (".ndjson", ShardFormat.Jsonl),
        (".json", ShardFormat.Jsonl),
        (".txt", ShardFormat.Text),
        (".md", ShardFormat.Text),
        (".markdown", ShardFormat.Text),
    ];

    /// <summary>The file names this class recognises, for messages and help text.</summary>
    public static string KnownExtensions => ".jsonl, .ndjson, .json, .warc, .wet, .warc.wet, .txt, .md, .markdown (each optionally .gz)";

    /// <summary>Lists the shards under <paramref name="paths"/>.</summary>
    /// <param name="paths">Files and directories.</param>
    /// <returns>The shards, in a stable order.</returns>
    /// <exception cref="CorpusDiscoveryException">
    /// A path does not exist, or a file (given or found in a directory) has an unknown extension; the message names it.
    /// </exception>
    public static IReadOnlyList<CorpusShard> Discover(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var shards = new List<CorpusShard>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new CorpusDiscoveryException(path ?? string.Empty, "An empty corpus path was given; pass a file or a directory.");
            }

            if (File.Exists(path))
            {
                Add(shards, seen, new FileInfo(path));
            }
            else if (Directory.Exists(path))
            {
                var root = new DirectoryInfo(path);
                var files = root.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
                    .Where(f => !IsHidden(root.FullName, f.FullName))
                    .OrderBy(f => Path.GetRelativePath(root.FullName, f.FullName).Replace('\\', '/'), StringComparer.Ordinal);
                foreach (var file in files)
                {
                    Add(shards, seen, file);
                }
            }
            else
            {
                throw new CorpusDiscoveryException(path, $"Corpus path '{path}' does not exist; give an existing file or directory.");
            }
        }

        return shards;
    }

    /// <summary>Works out the format and compression of a file from its name.</summary>
    /// <param name="fileName">A file name or path.</param>
    /// <returns>The format and compression.</returns>
    /// <exception cref="CorpusDiscoveryException">The extension is not one this class recognises.</exception>
    public static (ShardFormat Format, ShardCompression Compression) DetectFormat(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = Path.GetFileName(fileName);
        var compression = ShardCompression.None;
        var stem = name;
        if (stem.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            compression = ShardCompression.Gzip;
            stem = stem[..^3];
        }

        foreach (var (suffix, format) in s_suffixes)
        {
            if (stem.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && stem.Length > suffix.Length)
            {
                return (format, compression);
            }
        }

        var extension = Path.GetExtension(name);
        var hint = extension.ToUpperInvariant() switch
        {
            ".ZST" or ".ZSTD" => " Zstandard is not supported: decompress it (zstd -d) or recompress it with gzip.",
            ".BZ2" or ".XZ" or ".LZ4" => " Only gzip compression is supported: recompress it with gzip.",
            _ => string.Empty,
        };
        throw new CorpusDiscoveryException(fileName, $"Corpus file '{fileName}' has an unknown extension '{(extension.Length == 0 ? name : extension)}'; expected one of {KnownExtensions}.{hint}");
    }

    private static void Add(List<CorpusShard> shards, HashSet<string> seen, FileInfo file)
    {
        var full = file.FullName.Replace('\\', '/');
        if (!seen.Add(full))
        {
            return;
        }

        var (format, compression) = DetectFormat(file.FullName);
        shards.Add(new CorpusShard(new ShardId(full), file.FullName, format, compression, file.Length));
    }

    private static bool IsHidden(string root, string file)
    {
        var relative = Path.GetRelativePath(root, file);
        foreach (var part in relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
        {
            if (part.StartsWith('.'))
            {
                return true;
            }
        }

        return false;
    }
}
