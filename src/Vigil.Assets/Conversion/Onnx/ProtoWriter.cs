using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Vigil.Assets.Conversion.Onnx;

/// <summary>
/// The few pieces of the protocol-buffers wire format an ONNX file needs: varints,
/// length-delimited fields and packed scalars. Field order is the caller's, so output is
/// byte-for-byte deterministic (the converted model has a checksum in the manifest).
/// </summary>
internal sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public void WriteVarint(int field, long value)
    {
        WriteTag(field, 0);
        WriteRawVarint((ulong)value);
    }

    public void WriteFloat(int field, float value)
    {
        WriteTag(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, 2);
        WriteRawVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void WriteMessage(int field, Action<ProtoWriter> write)
    {
        var inner = new ProtoWriter();
        write(inner);
        WriteBytes(field, inner.ToArray());
    }

    public void WritePackedVarints(int field, IReadOnlyCollection<long> values)
    {
        var inner = new ProtoWriter();
        foreach (long v in values)
        {
            inner.WriteRawVarint((ulong)v);
        }

        WriteBytes(field, inner.ToArray());
    }

    public void WritePackedFloats(int field, IReadOnlyCollection<float> values)
    {
        byte[] bytes = new byte[values.Count * 4];
        int offset = 0;
        foreach (float v in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset), v);
            offset += 4;
        }

        WriteBytes(field, bytes);
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private void WriteTag(int field, int wireType) => WriteRawVarint((ulong)((field << 3) | wireType));

    private void WriteRawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }

    private void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }
}
