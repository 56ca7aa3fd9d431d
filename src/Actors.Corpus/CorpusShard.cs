namespace Actors.Corpus;

/// <summary>One input file of a corpus; its records are read by <see cref="ShardReader"/>.</summary>
/// <param name="Id">Stable id of the shard (see <see cref="ShardId"/>).</param>
/// <param name="Path">The file.</param>
/// <param name="Format">How records are framed.</param>
/// <param name="Compression">How the file is compressed.</param>
/// <param name="SizeBytes">Size of the file on disk when it was discovered.</param>
public sealed record CorpusShard(ShardId Id, string Path, ShardFormat Format, ShardCompression Compression, long SizeBytes);
