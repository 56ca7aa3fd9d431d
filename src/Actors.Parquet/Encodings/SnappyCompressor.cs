using System.Buffers.Binary;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Actors.Parquet.Encodings;

/// <summary>
/// Compresses to the raw Snappy block format (a varint length, then literal and copy elements), the
/// form Parquet's SNAPPY codec stores. Our own encoder rather than IronSnappy's: that one reads
/// through bounds-checked spans and allocates its output, and on instruction text it ran at about
/// 220 MB/s against about 360 MB/s for this one (same output size), with compression most of the
/// cost of writing a snappy file. Decoding stays with IronSnappy.
/// The method is the usual one: 64 KiB blocks, a hash table of 4-byte sequences per block, matches
/// extended 8 bytes at a time, and lookups that skip faster the longer no match is found.
/// </summary>
internal static class SnappyCompressor
{
    /// <summary>Entries of the per-block hash table; callers pass a table this long.</summary>
    public const int TableSize = 1 << 14;

    private const int BlockSize = 1 << 16;

    // Matching reads up to 8 bytes past a position; stopping this far from a block's end keeps every read inside it.
    private const int InputMargin = 16 - 1;
    private const int MinNonLiteralBlockSize = 1 + 1 + InputMargin;

    /// <summary>The most bytes <see cref="Compress"/> writes for <paramref name="length"/> input bytes.</summary>
    public static int MaxCompressedLength(int length) => checked(32 + length + (length / 6));

    /// <summary>
    /// Compresses <paramref name="source"/> into <paramref name="destination"/>, which must hold
    /// <see cref="MaxCompressedLength"/> bytes; <paramref name="table"/> is scratch of <see cref="TableSize"/>
    /// entries. Returns the number of bytes written.
    /// </summary>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination, Span<ushort> table)
    {
        if (destination.Length < MaxCompressedLength(source.Length) || table.Length < TableSize)
        {
            throw new ArgumentException("The destination or the hash table is too small for this input.");
        }

        int written = WriteVarint((uint)source.Length, destination);
        for (int start = 0; start < source.Length; start += BlockSize)
        {
            var block = source.Slice(start, Math.Min(BlockSize, source.Length - start));
            written += block.Length < MinNonLiteralBlockSize
                ? EmitLiteral(block, destination[written..])
                : CompressBlock(block, destination[written..], table);
        }

        return written;
    }

    private static int CompressBlock(ReadOnlySpan<byte> block, Span<byte> destination, Span<ushort> table)
    {
        Debug.Assert(block.Length is >= MinNonLiteralBlockSize and <= BlockSize, "Blocks are at most 64 KiB, so positions fit a ushort and copies need 2-byte offsets only.");

        // A table no bigger than the block: small pages clear and probe less.
        int tableBits = 8;
        while ((1 << tableBits) < block.Length && tableBits < 14)
        {
            tableBits++;
        }

        int shift = 32 - tableBits;
        table[..(1 << tableBits)].Clear();

        // The hot loop reads and writes through refs, without bounds checks. Why it stays in bounds:
        // every read position is below sLimit + 8, or below a match's end, which is at most the block
        // length; hash values are below 1 << tableBits; and the output never passes the worst case
        // MaxCompressedLength, which the destination was checked to hold.
        ref byte src = ref MemoryMarshal.GetReference(block);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        ref ushort hashes = ref MemoryMarshal.GetReference(table);
        int sLimit = block.Length - InputMargin;
        int op = 0;
        int nextEmit = 0;
        int s = 1;
        uint nextHash = Hash(Load32(ref src, s), shift);
        while (true)
        {
            // Look for a 4-byte match; after 32 misses, step 2 bytes at a time, then 3, and so on,
            // so incompressible data is skipped quickly.
            int skip = 32;
            int nextS = s;
            int candidate;
            do
            {
                s = nextS;
                int step = skip >> 5;
                nextS = s + step;
                skip += step;
                if (nextS > sLimit)
                {
                    goto EmitRemainder;
                }

                ref ushort slot = ref Unsafe.Add(ref hashes, nextHash);
                candidate = slot;
                slot = (ushort)s;
                nextHash = Hash(Load32(ref src, nextS), shift);
            }
            while (Load32(ref src, s) != Load32(ref src, candidate));

            op = EmitLiteral(ref dst, op, destination.Length, ref src, block.Length, nextEmit, s - nextEmit);

            // Emit copies for as long as the position right after a match starts another one.
            while (true)
            {
                int matchStart = s;
                s = ExtendMatch(ref src, candidate + 4, s + 4, block.Length);
                op = EmitCopy(ref dst, op, matchStart - candidate, s - matchStart);
                nextEmit = s;
                if (s >= sLimit)
                {
                    goto EmitRemainder;
                }

                // Index the last byte of the match too, then test the position after it.
                ulong x = Load64(ref src, s - 1);
                Unsafe.Add(ref hashes, Hash((uint)x, shift)) = (ushort)(s - 1);
                ref ushort slot = ref Unsafe.Add(ref hashes, Hash((uint)(x >> 8), shift));
                candidate = slot;
                slot = (ushort)s;
                if ((uint)(x >> 8) != Load32(ref src, candidate))
                {
                    nextHash = Hash((uint)(x >> 16), shift);
                    s++;
                    break;
                }
            }
        }

    EmitRemainder:
        if (nextEmit < block.Length)
        {
            op = EmitLiteral(ref dst, op, destination.Length, ref src, block.Length, nextEmit, block.Length - nextEmit);
        }

        return op;
    }

    /// <summary>Extends a match whose first bytes are at <paramref name="candidate"/> and <paramref name="s"/>; returns where it ends.</summary>
    private static int ExtendMatch(ref byte src, int candidate, int s, int length)
    {
        while (s + 8 <= length)
        {
            ulong difference = Load64(ref src, s) ^ Load64(ref src, candidate);
            if (difference != 0)
            {
                // Loads are little-endian, so the lowest set bit is in the first differing byte.
                return s + (BitOperations.TrailingZeroCount(difference) >> 3);
            }

            s += 8;
            candidate += 8;
        }

        while (s < length && Unsafe.Add(ref src, s) == Unsafe.Add(ref src, candidate))
        {
            s++;
            candidate++;
        }

        return s;
    }

    /// <summary>A whole block too short to search, as one literal.</summary>
    private static int EmitLiteral(ReadOnlySpan<byte> literal, Span<byte> destination) =>
        EmitLiteral(ref MemoryMarshal.GetReference(destination), 0, destination.Length, ref MemoryMarshal.GetReference(literal), literal.Length, 0, literal.Length);

    /// <summary>Writes the literal <c>src[start..start + length]</c> at <paramref name="op"/>; returns the new output position.</summary>
    private static int EmitLiteral(ref byte dst, int op, int capacity, ref byte src, int sourceLength, int start, int length)
    {
        int n = length - 1;
        if (n < 60)
        {
            Unsafe.Add(ref dst, op++) = (byte)(n << 2);

            // Most literals between matches in text are a few bytes: copy 16 at once when both sides
            // have room. The extra output bytes are overwritten by what follows or lie past the
            // returned length.
            if (length <= 16 && op + 16 <= capacity && start + 16 <= sourceLength)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, op), Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref src, start)));
                return op + length;
            }
        }
        else if (n < 1 << 8)
        {
            Unsafe.Add(ref dst, op) = 60 << 2;
            Unsafe.Add(ref dst, op + 1) = (byte)n;
            op += 2;
        }
        else
        {
            Debug.Assert(n < 1 << 16, "Literals never span more than one 64 KiB block.");
            Unsafe.Add(ref dst, op) = 61 << 2;
            Unsafe.Add(ref dst, op + 1) = (byte)n;
            Unsafe.Add(ref dst, op + 2) = (byte)(n >> 8);
            op += 3;
        }

        Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, op), ref Unsafe.Add(ref src, start), (uint)length);
        return op + length;
    }

    private static int EmitCopy(ref byte dst, int op, int offset, int length)
    {
        // Copies hold at most 64 bytes; splitting at 64 while more than 67 remain, and at 60 if
        // 65 to 67 remain, leaves a last piece of at least 4, which the short form needs.
        while (length >= 68)
        {
            op = EmitCopy2(ref dst, op, offset, 64);
            length -= 64;
        }

        if (length > 64)
        {
            op = EmitCopy2(ref dst, op, offset, 60);
            length -= 60;
        }

        if (length >= 12 || offset >= 2048)
        {
            return EmitCopy2(ref dst, op, offset, length);
        }

        // Short form: length 4 to 11 and an 11-bit offset in two bytes.
        Unsafe.Add(ref dst, op) = (byte)(((offset >> 8) << 5) | ((length - 4) << 2) | 1);
        Unsafe.Add(ref dst, op + 1) = (byte)offset;
        return op + 2;
    }

    private static int EmitCopy2(ref byte dst, int op, int offset, int length)
    {
        Unsafe.Add(ref dst, op) = (byte)(((length - 1) << 2) | 2);
        Unsafe.Add(ref dst, op + 1) = (byte)offset;
        Unsafe.Add(ref dst, op + 2) = (byte)(offset >> 8);
        return op + 3;
    }

    private static int WriteVarint(uint value, Span<byte> destination)
    {
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(uint bytes, int shift) => (bytes * 0x1E35A7BDu) >> shift;

    // Loads are little-endian everywhere: the code relies on (uint)(Load64(p) >> 8) being Load32(p + 1)
    // and on the lowest differing bit marking the first differing byte. The check folds away when JIT-compiled.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(ref byte src, int position)
    {
        uint value = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref src, position));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load64(ref byte src, int position)
    {
        ulong value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, position));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }
}
