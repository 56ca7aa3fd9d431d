namespace Actors.Pipelines.Filters;

/// <summary>
/// The index entry of one element: buckets of records keyed by (token count, position of the element),
/// kept sorted by that key so a probe can jump to the lengths that can still match.
/// </summary>
internal sealed class ElementPostings
{
    private PostingBucket[] _buckets = new PostingBucket[2];

    public int Count { get; private set; }

    public PostingBucket this[int index] => _buckets[index];

    /// <summary>Index of the first bucket whose length is at least <paramref name="length"/> (Count when none).</summary>
    public int FirstWithLengthAtLeast(int length)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_buckets[mid].Length < length)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    public void Add(int length, int position, int record, ulong signature)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            var bucket = _buckets[mid];
            if (bucket.Length < length || (bucket.Length == length && bucket.Position < position))
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        if (low == Count || _buckets[low].Length != length || _buckets[low].Position != position)
        {
            if (Count == _buckets.Length)
            {
                Array.Resize(ref _buckets, Count * 2);
            }

            Array.Copy(_buckets, low, _buckets, low + 1, Count - low);
            _buckets[low] = new PostingBucket(length, position);
            Count++;
        }

        _buckets[low].Add(record, signature);
    }
}
