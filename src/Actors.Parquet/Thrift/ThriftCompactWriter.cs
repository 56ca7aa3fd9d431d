using System.Buffers;
using System.Text;
using Actors.Parquet.Encodings;

namespace Actors.Parquet.Thrift;

/// <summary>
/// Writes the Thrift compact protocol by hand: Parquet metadata needs only structs, lists, integers,
/// bools and strings. Callers write fields in increasing id order; the writer keeps the per-struct
/// "last field id" that short field headers are relative to.
/// </summary>
internal sealed class ThriftCompactWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;
    private readonly Stack<short> _parentFieldIds = new();
    private short _lastFieldId;

    public ThriftCompactWriter(ArrayBufferWriter<byte> buffer) => _buffer = buffer;

    public void BeginStruct()
    {
        _parentFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void EndStruct()
    {
        WriteByte((byte)ThriftType.Stop);
        _lastFieldId = _parentFieldIds.Pop();
    }

    public void FieldHeader(short id, ThriftType type)
    {
        int delta = id - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            WriteByte((byte)((delta << 4) | (byte)type));
        }
        else
        {
            WriteByte((byte)type);
            WriteVarint(ZigZag(id));
        }

        _lastFieldId = id;
    }

    public void I32Field(short id, int value)
    {
        FieldHeader(id, ThriftType.I32);
        WriteVarint(ZigZag(value));
    }

    public void I64Field(short id, long value)
    {
        FieldHeader(id, ThriftType.I64);
        WriteVarint(ZigZag(value));
    }

    public void I16Field(short id, short value)
    {
        FieldHeader(id, ThriftType.I16);
        WriteVarint(ZigZag(value));
    }

    public void BoolField(short id, bool value) => FieldHeader(id, value ? ThriftType.BoolTrue : ThriftType.BoolFalse);

    public void StringField(short id, string value)
    {
        FieldHeader(id, ThriftType.Binary);
        WriteString(value);
    }

    public void BinaryField(short id, ReadOnlySpan<byte> value)
    {
        FieldHeader(id, ThriftType.Binary);
        WriteBinary(value);
    }

    /// <summary>Starts a struct-valued field; close it with <see cref="EndStruct"/>.</summary>
    public void StructField(short id)
    {
        FieldHeader(id, ThriftType.Struct);
        BeginStruct();
    }

    /// <summary>Writes a list header; the elements follow without field headers.</summary>
    public void ListField(short id, ThriftType elementType, int count)
    {
        FieldHeader(id, ThriftType.List);
        ListHeader(elementType, count);
    }

    public void ListHeader(ThriftType elementType, int count)
    {
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | (byte)elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | (byte)elementType));
            WriteVarint((ulong)count);
        }
    }

    public void I32Element(int value) => WriteVarint(ZigZag(value));

    public void WriteString(string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)length);
        var span = _buffer.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        _buffer.Advance(length);
    }

    private void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    private void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    private void WriteVarint(ulong value) => Uleb128.Write(value, _buffer);

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));
}
