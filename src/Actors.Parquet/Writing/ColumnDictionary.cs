using System.Runtime.InteropServices;
using Actors.Parquet.Format;

namespace Actors.Parquet.Writing;

/// <summary>
/// The distinct values of one column chunk and each value's index, built only while the PLAIN
/// size of the distinct values stays within the configured limit.
/// </summary>
internal sealed class ColumnDictionary
{
    private ColumnDictionary(int[] indices, int count, List<long> fixedEntries, List<int> binaryEntries)
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

    /// <summary>For strings: the position in <see cref="ColumnBuffer.Binary"/> of each entry's first occurrence.</summary>
    public List<int> BinaryEntries { get; }

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
            return BuildBinary(buffer.Binary, sizeLimit) is var (binaryIndices, binaryEntries)
                ? new ColumnDictionary(binaryIndices, binaryEntries.Count, [], binaryEntries)
                : null;
        }

        int width = physical == PhysicalType.Int32 ? 4 : 8;
        return BuildFixed(buffer.Fixed, width, sizeLimit) is var (indices, entries)
            ? new ColumnDictionary(indices, entries.Count, entries, [])
            : null;
    }

    /// <summary>Indexes the distinct values; null as soon as their PLAIN size passes the limit.</summary>
    private static (int[] Indices, List<long> Entries)? BuildFixed(List<long> values, int width, int sizeLimit)
    {
        var indices = new int[values.Count];
        var map = new Dictionary<long, int>();
        var entries = new List<long>();
        long size = 0;
        for (int i = 0; i < values.Count; i++)
        {
            long value = values[i];
            if (!map.TryGetValue(value, out int index))
            {
                size += width;
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

    /// <summary>
    /// The string version: an open-addressing table of entry numbers, keyed by the bytes in place,
    /// so no value is copied out of <see cref="BinaryValues"/> to serve as a key.
    /// </summary>
    private static (int[] Indices, List<int> Entries)? BuildBinary(BinaryValues values, int sizeLimit)
    {
        var indices = new int[values.Count];
        var entries = new List<int>();
        var entryHashes = new List<int>();

        // Slots hold entry + 1 (0 is empty); kept at most half full so probe runs stay short.
        var slots = new int[64];
        long size = 0;
        for (int i = 0; i < values.Count; i++)
        {
            var value = values[i];
            int hash = Hash(value);
            int mask = slots.Length - 1;
            int slot = hash & mask;
            int index = -1;
            while (slots[slot] != 0)
            {
                int candidate = slots[slot] - 1;
                if (entryHashes[candidate] == hash && values[entries[candidate]].SequenceEqual(value))
                {
                    index = candidate;
                    break;
                }

                slot = (slot + 1) & mask;
            }

            if (index < 0)
            {
                size += 4 + value.Length;
                if (size > sizeLimit)
                {
                    return null;
                }

                index = entries.Count;
                entries.Add(i);
                entryHashes.Add(hash);
                slots[slot] = index + 1;
                if (2 * entries.Count > slots.Length)
                {
                    slots = Rehash(CollectionsMarshal.AsSpan(entryHashes), 2 * slots.Length);
                }
            }

            indices[i] = index;
        }

        return (indices, entries);
    }

    private static int[] Rehash(ReadOnlySpan<int> entryHashes, int capacity)
    {
        var slots = new int[capacity];
        int mask = capacity - 1;
        for (int entry = 0; entry < entryHashes.Length; entry++)
        {
            int slot = entryHashes[entry] & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = entry + 1;
        }

        return slots;
    }

    private static int Hash(ReadOnlySpan<byte> value)
    {
        var hash = default(HashCode);
        hash.AddBytes(value);
        return hash.ToHashCode();
    }
}
