using System.Text;

namespace Actors.Parquet.Writing;

/// <summary>
/// The UTF-8 values of one buffered column chunk, stored back to back in one array with their end
/// offsets. One array per column instead of one per value: a row group holds hundreds of thousands
/// of strings, and as separate arrays they all survived into older GC generations, which made
/// collection the largest cost of writing. The arrays are kept across <see cref="Clear"/>, so a
/// writer reaches its row group's size once and then reuses the memory.
/// </summary>
internal sealed class BinaryValues
{
    private byte[] _bytes = [];
    private int[] _ends = [];

    public int Count { get; private set; }

    /// <summary>Total bytes of all values.</summary>
    public int ByteCount => Count == 0 ? 0 : _ends[Count - 1];

    public ReadOnlySpan<byte> this[int index] => _bytes.AsSpan(Start(index), _ends[index] - Start(index));

    /// <summary>The values <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> as one run of bytes.</summary>
    public ReadOnlySpan<byte> Range(int start, int count) =>
        count == 0 ? default : _bytes.AsSpan(Start(start), _ends[start + count - 1] - Start(start));

    public int Length(int index) => _ends[index] - Start(index);

    /// <summary>Appends <paramref name="value"/> as UTF-8 and returns its byte length.</summary>
    public int Add(string value)
    {
        int start = ByteCount;

        // Transcode straight into the array; reserve the worst case (3 bytes per UTF-16 unit) only
        // when the exact size might not fit, so the common case makes one pass over the string.
        int worst = Encoding.UTF8.GetMaxByteCount(value.Length);
        EnsureBytes(start, _bytes.Length - start >= worst ? 0 : Encoding.UTF8.GetByteCount(value));
        int written = Encoding.UTF8.GetBytes(value, _bytes.AsSpan(start));
        Append(start + written);
        return written;
    }

    public void Clear() => Count = 0;

    private int Start(int index) => index == 0 ? 0 : _ends[index - 1];

    private void EnsureBytes(int used, int needed)
    {
        long required = (long)used + needed;
        if (required <= _bytes.Length)
        {
            return;
        }

        if (required > Array.MaxLength)
        {
            throw new InvalidOperationException($"A column chunk's strings would pass {Array.MaxLength} bytes; lower ParquetWriterOptions.RowGroupSize or write smaller row groups.");
        }

        long capacity = Math.Min(Array.MaxLength, Math.Max(required, Math.Max(4096, 2L * _bytes.Length)));
        var bytes = GC.AllocateUninitializedArray<byte>((int)capacity);
        _bytes.AsSpan(0, used).CopyTo(bytes);
        _bytes = bytes;
    }

    private void Append(int end)
    {
        if (Count == _ends.Length)
        {
            Array.Resize(ref _ends, Math.Max(1024, 2 * _ends.Length));
        }

        _ends[Count++] = end;
    }
}
