using Actors.Parquet.Format;

namespace Actors.Parquet.Writing;

/// <summary>
/// The distinct values of one column chunk and each value's index, built only while the PLAIN
/// size of the distinct values stays within the configured limit.
/// </summary>
internal sealed class ColumnDictionary
{
    private ColumnDictionary(int[] indices, int count, List<long> fixedEntries, List<byte[]> binaryEntries)
    {
        Indices = indices;
        Count = count;
        FixedEntries = fixedEntries;
        BinaryEntries = binaryEntries;
    }

    /// <summary>Dictionary index of each buffered non-null value.</summary>
    public int[] Indices { get; }

    public int Count { get; }

    public List<long> FixedEntries { get; }

    public List<byte[]> BinaryEntries { get; }

    /// <summary>Index bit width: enough for Count - 1, and at least 1 (width 0 trips some readers).</summary>
    public int BitWidth => Math.Max(1, Encodings.RleBitPackedEncoder.BitWidth(Count - 1));

    /// <summary>Builds the dictionary, or returns null when PLAIN is the better or required choice.</summary>
    public static ColumnDictionary? TryBuild(ColumnBuffer buffer, int sizeLimit)
    {
        int valueCount = buffer.ValueCount;
        var physical = buffer.Leaf.Physical;
        if (sizeLimit <= 0 || valueCount == 0 || physical == PhysicalType.Boolean)
        {
            return null;
        }

        if (physical == PhysicalType.ByteArray)
        {
            return Build(buffer.Binary, ByteArrayComparer.Instance, v => 4 + v.Length, sizeLimit) is var (binaryIndices, binaryEntries)
                ? new ColumnDictionary(binaryIndices, binaryEntries.Count, [], binaryEntries)
                : null;
        }

        int width = physical == PhysicalType.Int32 ? 4 : 8;
        return Build(buffer.Fixed, EqualityComparer<long>.Default, _ => width, sizeLimit) is var (indices, entries)
            ? new ColumnDictionary(indices, entries.Count, entries, [])
            : null;
    }

    /// <summary>Indexes the distinct values; null as soon as their PLAIN size passes the limit.</summary>
    private static (int[] Indices, List<T> Entries)? Build<T>(List<T> values, IEqualityComparer<T> comparer, Func<T, int> plainSize, int sizeLimit)
        where T : notnull
    {
        var indices = new int[values.Count];
        var map = new Dictionary<T, int>(comparer);
        var entries = new List<T>();
        long size = 0;
        for (int i = 0; i < values.Count; i++)
        {
            T value = values[i];
            if (!map.TryGetValue(value, out int index))
            {
                size += plainSize(value);
                if (size > sizeLimit)
                {
                    return null;
                }

                index = entries.Count;
                map.Add(value, index);
                entries.Add(value);
            }

            indices[i] = index;
        }

        return (indices, entries);
    }
}
