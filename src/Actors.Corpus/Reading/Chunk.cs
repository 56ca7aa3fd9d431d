namespace Actors.Corpus.Reading;

/// <summary>A line or block read by <see cref="ByteReader"/>: where it was in the stream and where it is in the buffer.</summary>
/// <param name="Status">What was read.</param>
/// <param name="Offset">Offset of its first byte in the stream.</param>
/// <param name="Start">Index of its first byte in <see cref="ByteReader.Buffer"/> (not meaningful for TooLong).</param>
/// <param name="Length">Its length in bytes.</param>
/// <param name="Terminated">For a line: whether it ended with '\n' (false for the last line of a stream without one).</param>
/// <param name="Excerpt">For TooLong: its first bytes.</param>
internal readonly record struct Chunk(ChunkStatus Status, long Offset, int Start, int Length, bool Terminated, byte[]? Excerpt)
{
    public ReadOnlySpan<byte> Span(byte[] buffer) => buffer.AsSpan(Start, Length);
}
