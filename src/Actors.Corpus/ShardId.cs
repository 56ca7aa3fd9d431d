namespace Actors.Corpus;

/// <summary>
/// Identifies one corpus shard (one input file). <see cref="CorpusDiscovery"/> uses the file's full path
/// with '/' separators, so the same file gets the same id in every run on a machine that mounts it at the
/// same place; a record is addressed by (shard, ordinal).
/// </summary>
/// <param name="Value">The id text.</param>
public readonly record struct ShardId(string Value)
{
    /// <summary>The id text.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
