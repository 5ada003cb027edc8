using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlops.Inference.Grpc;

/// <summary>
/// The raw form of tensor data (raw_input_contents / raw_output_contents): elements little-endian,
/// row-major, no padding; a BYTES element is a 4-byte little-endian length and then its bytes.
/// </summary>
public static class RawTensorCodec
{
    public static Array Decode(string what, TensorDataType dataType, IReadOnlyList<long> shape, ReadOnlySpan<byte> raw)
    {
        var count = TensorDecoding.RequireElementCount(what, shape);
        if (dataType == TensorDataType.Bytes)
        {
            return DecodeBytes(what, shape, count, raw);
        }

        var expected = (long)count * dataType.ElementSize();
        if (raw.Length != expected)
        {
            throw InferenceException.InvalidArgument(
                $"{what} has shape {TensorShape.Format(shape)} of {dataType.ToWireName()}, {expected} bytes, but its raw content holds {raw.Length} bytes.");
        }

        return dataType switch
        {
            TensorDataType.Bool => DecodeBools(raw),
            TensorDataType.UInt8 => raw.ToArray(),
            TensorDataType.UInt16 => Read<ushort>(raw),
            TensorDataType.UInt32 => Read<uint>(raw),
            TensorDataType.UInt64 => Read<ulong>(raw),
            TensorDataType.Int8 => Read<sbyte>(raw),
            TensorDataType.Int16 => Read<short>(raw),
            TensorDataType.Int32 => Read<int>(raw),
            TensorDataType.Int64 => Read<long>(raw),
            TensorDataType.Fp16 => Read<Half>(raw),
            TensorDataType.Fp32 => Read<float>(raw),
            TensorDataType.Fp64 => Read<double>(raw),
            _ => throw new ArgumentOutOfRangeException(nameof(dataType), dataType, null),
        };
    }

    public static byte[] Encode(InferenceTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor.DataType switch
        {
            TensorDataType.Bool => [.. tensor.GetData<bool>().Select(v => v ? (byte)1 : (byte)0)],
            TensorDataType.UInt8 => (byte[])tensor.GetData<byte>().Clone(),
            TensorDataType.UInt16 => Write(tensor.GetData<ushort>()),
            TensorDataType.UInt32 => Write(tensor.GetData<uint>()),
            TensorDataType.UInt64 => Write(tensor.GetData<ulong>()),
            TensorDataType.Int8 => Write(tensor.GetData<sbyte>()),
            TensorDataType.Int16 => Write(tensor.GetData<short>()),
            TensorDataType.Int32 => Write(tensor.GetData<int>()),
            TensorDataType.Int64 => Write(tensor.GetData<long>()),
            TensorDataType.Fp16 => Write(tensor.GetData<Half>()),
            TensorDataType.Fp32 => Write(tensor.GetData<float>()),
            TensorDataType.Fp64 => Write(tensor.GetData<double>()),
            TensorDataType.Bytes => EncodeBytes(tensor.GetData<byte[]>()),
            _ => throw new ArgumentException($"Tensor '{tensor.Name}' has datatype {tensor.DataType}.", nameof(tensor)),
        };
    }

    private static bool[] DecodeBools(ReadOnlySpan<byte> raw)
    {
        var values = new bool[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            values[i] = raw[i] != 0;
        }

        return values;
    }

    private static byte[][] DecodeBytes(string what, IReadOnlyList<long> shape, int count, ReadOnlySpan<byte> raw)
    {
        var values = new byte[count][];
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            var rest = raw[offset..];
            if (rest.Length < sizeof(uint) || BinaryPrimitives.ReadUInt32LittleEndian(rest) > (uint)(rest.Length - sizeof(uint)))
            {
                throw InferenceException.InvalidArgument(
                    $"{what} has shape {TensorShape.Format(shape)} of BYTES ({count} elements) but its raw content ends within element {i}.");
            }

            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(rest);
            values[i] = rest.Slice(sizeof(uint), length).ToArray();
            offset += sizeof(uint) + length;
        }

        if (offset != raw.Length)
        {
            throw InferenceException.InvalidArgument(
                $"{what} has shape {TensorShape.Format(shape)} of BYTES ({count} elements) but its raw content holds more.");
        }

        return values;
    }

    private static byte[] EncodeBytes(byte[][] values)
    {
        var buffer = new byte[values.Sum(v => sizeof(uint) + (long)v.Length)];
        var offset = 0;
        foreach (var value in values)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(offset), (uint)value.Length);
            value.CopyTo(buffer, offset + sizeof(uint));
            offset += sizeof(uint) + value.Length;
        }

        return buffer;
    }

    private static T[] Read<T>(ReadOnlySpan<byte> raw)
        where T : struct
    {
        var values = MemoryMarshal.Cast<byte, T>(raw).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            ReverseEach(MemoryMarshal.AsBytes(values.AsSpan()), Unsafe.SizeOf<T>());
        }

        return values;
    }

    private static byte[] Write<T>(T[] values)
        where T : struct
    {
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            ReverseEach(bytes, Unsafe.SizeOf<T>());
        }

        return bytes;
    }

    // The wire is little-endian whatever the machine.
    private static void ReverseEach(Span<byte> bytes, int size)
    {
        for (var i = 0; i < bytes.Length; i += size)
        {
            bytes.Slice(i, size).Reverse();
        }
    }
}
