using System.Text;
using Actors.Parquet.Encodings;

namespace Actors.Parquet.Thrift;

/// <summary>
/// Reads the Thrift compact protocol from a byte buffer. Unknown fields are skipped, so metadata
/// written by newer writers (size statistics, page indexes, geospatial types) still parses.
/// </summary>
internal sealed class ThriftCompactReader
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly Stack<short> _parentFieldIds = new();
    private short _lastFieldId;
    private int _position;

    public ThriftCompactReader(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>Bytes consumed so far.</summary>
    public int Position => _position;

    public void BeginStruct()
    {
        _parentFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void EndStruct() => _lastFieldId = _parentFieldIds.Pop();

    /// <summary>Reads the next field header; returns false at the struct's stop byte.</summary>
    public bool NextField(out short id, out ThriftType type)
    {
        byte header = ReadByte();
        if (header == 0)
        {
            id = 0;
            type = ThriftType.Stop;
            return false;
        }

        type = (ThriftType)(header & 0x0F);
        int delta = header >> 4;
        id = delta != 0 ? (short)(_lastFieldId + delta) : (short)UnZigZag(ReadVarint());
        _lastFieldId = id;
        return true;
    }

    public int ReadI32() => (int)UnZigZag(ReadVarint());

    public long ReadI64() => UnZigZag(ReadVarint());

    /// <summary>Bool field values live in the field header's type nibble.</summary>
    public static bool BoolValue(ThriftType type) => type == ThriftType.BoolTrue;

    public string ReadString() => Encoding.UTF8.GetString(ReadBinary().Span);

    public ReadOnlyMemory<byte> ReadBinary()
    {
        int length = checked((int)ReadVarint());
        EnsureAvailable(length);
        var slice = _data.Slice(_position, length);
        _position += length;
        return slice;
    }

    public (ThriftType ElementType, int Count) ReadListHeader()
    {
        byte header = ReadByte();
        int count = header >> 4;
        if (count == 15)
        {
            count = checked((int)ReadVarint());
        }

        return ((ThriftType)(header & 0x0F), count);
    }

    public void Skip(ThriftType type)
    {
        switch (type)
        {
            case ThriftType.BoolTrue:
            case ThriftType.BoolFalse:
                return;
            case ThriftType.I8:
                ReadByte();
                return;
            case ThriftType.I16:
            case ThriftType.I32:
            case ThriftType.I64:
                ReadVarint();
                return;
            case ThriftType.Double:
                EnsureAvailable(8);
                _position += 8;
                return;
            case ThriftType.Uuid:
                EnsureAvailable(16);
                _position += 16;
                return;
            case ThriftType.Binary:
                ReadBinary();
                return;
            case ThriftType.List:
            case ThriftType.Set:
                var (elementType, count) = ReadListHeader();
                for (int i = 0; i < count; i++)
                {
                    SkipElement(elementType);
                }

                return;
            case ThriftType.Map:
                int size = checked((int)ReadVarint());
                if (size == 0)
                {
                    return;
                }

                byte kinds = ReadByte();
                for (int i = 0; i < size; i++)
                {
                    SkipElement((ThriftType)(kinds >> 4));
                    SkipElement((ThriftType)(kinds & 0x0F));
                }

                return;
            case ThriftType.Struct:
                BeginStruct();
                while (NextField(out _, out var fieldType))
                {
                    Skip(fieldType);
                }

                EndStruct();
                return;
            default:
                throw new ParquetFormatException($"Thrift metadata holds an unknown type code {(int)type} at byte {_position}; the footer or a page header is corrupt.");
        }
    }

    private void SkipElement(ThriftType type)
    {
        // Inside lists a bool is a whole byte, unlike bool fields.
        if (type is ThriftType.BoolTrue or ThriftType.BoolFalse)
        {
            ReadByte();
        }
        else
        {
            Skip(type);
        }
    }

    private byte ReadByte()
    {
        EnsureAvailable(1);
        return _data.Span[_position++];
    }

    private ulong ReadVarint() => Uleb128.Read(_data.Span, ref _position);

    private void EnsureAvailable(int count)
    {
        if (count < 0 || _position + count > _data.Length)
        {
            throw new ParquetFormatException($"Thrift metadata ends early: needed {count} byte(s) at byte {_position} of {_data.Length}; the file is truncated or corrupt.");
        }
    }

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
