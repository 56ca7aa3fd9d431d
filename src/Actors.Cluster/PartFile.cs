namespace Actors.Cluster;

/// <summary>
/// A part file a sink has written (<c>*.tmp</c>, fsync, rename) and wants recorded by a commit, with the input
/// ordinals whose outputs it holds.
/// </summary>
public sealed record PartFile
{
    /// <summary>Describes a finished part file.</summary>
    /// <param name="dataset">The output dataset it belongs to, for example <c>candidates</c>.</param>
    /// <param name="relativePath">Its path relative to the run's output directory, with <c>/</c> separators.</param>
    /// <param name="rows">Rows in the file.</param>
    /// <param name="shard">The input shard its rows came from, or null for outputs not tied to a shard.</param>
    /// <param name="ordinals">The input ordinals of <paramref name="shard"/> whose outputs are in this file.</param>
    /// <exception cref="ArgumentException">The path is empty, rooted or leaves the output directory; rows are negative.</exception>
    public PartFile(string dataset, string relativePath, long rows, ShardId? shard, OrdinalSet ordinals)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataset);
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentNullException.ThrowIfNull(ordinals);
        var normalized = relativePath.Replace('\\', '/');
        if (Path.IsPathRooted(normalized) || normalized.StartsWith('/') || normalized.Split('/').Any(s => s is ".." or "." or ""))
        {
            throw new ArgumentException($"Part file path \"{relativePath}\" must be relative to the output directory, without . or .. segments.", nameof(relativePath));
        }

        if (shard is null && !ordinals.IsEmpty)
        {
            throw new ArgumentException($"Part file \"{relativePath}\" lists ordinals but no shard they belong to.", nameof(ordinals));
        }

        Dataset = dataset;
        RelativePath = normalized;
        Rows = rows;
        Shard = shard;
        Ordinals = ordinals;
    }

    /// <summary>The output dataset.</summary>
    public string Dataset { get; }

    /// <summary>Path relative to the run's output directory, <c>/</c>-separated.</summary>
    public string RelativePath { get; }

    /// <summary>Rows in the file.</summary>
    public long Rows { get; }

    /// <summary>The input shard, or null.</summary>
    public ShardId? Shard { get; }

    /// <summary>Input ordinals covered by the file.</summary>
    public OrdinalSet Ordinals { get; }

    /// <summary>Size of the file in bytes, when known; resume uses it to tell a truncated file from a whole one.</summary>
    public long? SizeBytes { get; init; }
}
