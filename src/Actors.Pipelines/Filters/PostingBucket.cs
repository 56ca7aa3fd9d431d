namespace Actors.Pipelines.Filters;

/// <summary>
/// Pool records that hold one element at one position of their prefix and have one token count: the unit
/// the similarity gate's index filters by length and position before touching any record. Each record comes
/// with its element signature, so most records are ruled out without reading them.
/// </summary>
internal sealed class PostingBucket(int length, int position)
{
    private int[] _records = new int[2];
    private ulong[] _signatures = new ulong[2];

    /// <summary>Token count of every record here.</summary>
    public int Length { get; } = length;

    /// <summary>Position of the element in every record's sorted element list.</summary>
    public int Position { get; } = position;

    public int Count { get; private set; }

    public ReadOnlySpan<int> Records => _records.AsSpan(0, Count);

    public ReadOnlySpan<ulong> Signatures => _signatures.AsSpan(0, Count);

    public void Add(int record, ulong signature)
    {
        if (Count == _records.Length)
        {
            Array.Resize(ref _records, Count * 2);
            Array.Resize(ref _signatures, Count * 2);
        }

        _records[Count] = record;
        _signatures[Count++] = signature;
    }
}
