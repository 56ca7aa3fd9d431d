namespace Actors.Corpus;

/// <summary>A self-contained piece of a document: the text under one heading, or part of it.</summary>
/// <param name="Shard">The document's shard.</param>
/// <param name="Ordinal">The document's ordinal in the shard.</param>
/// <param name="Index">Position of the segment in its document, from 0; (shard, ordinal, index) identifies it.</param>
/// <param name="Text">
/// The segment text: a substring of the document (line endings normalised to '\n'), trimmed; it may hold the
/// markdown heading lines of sub-sections that fit with it.
/// </param>
/// <param name="Heading">The text of the heading the segment sits under, without the '#' marks; null before the first heading.</param>
public sealed record Segment(ShardId Shard, long Ordinal, int Index, string Text, string? Heading);
