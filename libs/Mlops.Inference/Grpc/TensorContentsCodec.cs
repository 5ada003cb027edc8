using System.Numerics;
using Google.Protobuf;
using Mlops.Inference.Grpc.V2;

namespace Mlops.Inference.Grpc;

/// <summary>
/// The typed form of tensor data (InferTensorContents): each datatype in its own repeated field,
/// the narrow integers widened to int32 / uint32. FP16 has no typed field and travels only raw.
/// </summary>
public static class TensorContentsCodec
{
    /// <summary>The InferTensorContents field a datatype travels in, or null for FP16.</summary>
    public static string? FieldName(TensorDataType dataType) => dataType switch
    {
        TensorDataType.Bool => "bool_contents",
        TensorDataType.Int8 or TensorDataType.Int16 or TensorDataType.Int32 => "int_contents",
        TensorDataType.Int64 => "int64_contents",
        TensorDataType.UInt8 or TensorDataType.UInt16 or TensorDataType.UInt32 => "uint_contents",
        TensorDataType.UInt64 => "uint64_contents",
        TensorDataType.Fp32 => "fp32_contents",
        TensorDataType.Fp64 => "fp64_contents",
        TensorDataType.Bytes => "bytes_contents",
        _ => null,
    };

    public static Array Decode(string what, TensorDataType dataType, IReadOnlyList<long> shape, InferTensorContents? contents)
    {
        contents ??= new InferTensorContents();
        var count = TensorDecoding.RequireElementCount(what, shape);
        var expected = FieldName(dataType);
        foreach (var (field, length) in Fields(contents))
        {
            if (length > 0 && field != expected)
            {
                throw InferenceException.InvalidArgument(expected is null
                    ? $"{what} is FP16, which has no typed contents and travels only in raw contents, but it carries {field}."
                    : $"{what} is {dataType.ToWireName()}, which travels in {expected}, but it carries {field}.");
            }
        }

        Array values = dataType switch
        {
            TensorDataType.Bool => contents.BoolContents.ToArray(),
            TensorDataType.UInt8 => Narrow<uint, byte>(what, dataType, contents.UintContents),
            TensorDataType.UInt16 => Narrow<uint, ushort>(what, dataType, contents.UintContents),
            TensorDataType.UInt32 => contents.UintContents.ToArray(),
            TensorDataType.UInt64 => contents.Uint64Contents.ToArray(),
            TensorDataType.Int8 => Narrow<int, sbyte>(what, dataType, contents.IntContents),
            TensorDataType.Int16 => Narrow<int, short>(what, dataType, contents.IntContents),
            TensorDataType.Int32 => contents.IntContents.ToArray(),
            TensorDataType.Int64 => contents.Int64Contents.ToArray(),
            TensorDataType.Fp16 => Array.Empty<Half>(),
            TensorDataType.Fp32 => contents.Fp32Contents.ToArray(),
            TensorDataType.Fp64 => contents.Fp64Contents.ToArray(),
            TensorDataType.Bytes => contents.BytesContents.Select(b => b.ToByteArray()).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(dataType), dataType, null),
        };
        if (dataType == TensorDataType.Fp16 && count > 0)
        {
            throw InferenceException.InvalidArgument($"{what} is FP16, which has no typed contents: send it in raw contents.");
        }

        TensorDecoding.RequireLength(what, shape, count, values.Length);
        return values;
    }

    /// <summary>The typed contents of a tensor; FP16 cannot be written this way.</summary>
    public static InferTensorContents Encode(InferenceTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var contents = new InferTensorContents();
        // By datatype, not by array type: the runtime lets sbyte[] pass for byte[], int[] for uint[], ...
        switch (tensor.DataType)
        {
            case TensorDataType.Bool: contents.BoolContents.AddRange(tensor.GetData<bool>()); break;
            case TensorDataType.UInt8: contents.UintContents.AddRange(tensor.GetData<byte>().Select(v => (uint)v)); break;
            case TensorDataType.UInt16: contents.UintContents.AddRange(tensor.GetData<ushort>().Select(v => (uint)v)); break;
            case TensorDataType.UInt32: contents.UintContents.AddRange(tensor.GetData<uint>()); break;
            case TensorDataType.UInt64: contents.Uint64Contents.AddRange(tensor.GetData<ulong>()); break;
            case TensorDataType.Int8: contents.IntContents.AddRange(tensor.GetData<sbyte>().Select(v => (int)v)); break;
            case TensorDataType.Int16: contents.IntContents.AddRange(tensor.GetData<short>().Select(v => (int)v)); break;
            case TensorDataType.Int32: contents.IntContents.AddRange(tensor.GetData<int>()); break;
            case TensorDataType.Int64: contents.Int64Contents.AddRange(tensor.GetData<long>()); break;
            case TensorDataType.Fp32: contents.Fp32Contents.AddRange(tensor.GetData<float>()); break;
            case TensorDataType.Fp64: contents.Fp64Contents.AddRange(tensor.GetData<double>()); break;
            case TensorDataType.Bytes: contents.BytesContents.AddRange(tensor.GetData<byte[]>().Select(ByteString.CopyFrom)); break;
            default: throw new ArgumentException($"Tensor '{tensor.Name}' is {tensor.DataType.ToWireName()}, which has no typed contents.", nameof(tensor));
        }

        return contents;
    }

    private static IEnumerable<(string Field, int Length)> Fields(InferTensorContents contents) =>
    [
        ("bool_contents", contents.BoolContents.Count),
        ("int_contents", contents.IntContents.Count),
        ("int64_contents", contents.Int64Contents.Count),
        ("uint_contents", contents.UintContents.Count),
        ("uint64_contents", contents.Uint64Contents.Count),
        ("fp32_contents", contents.Fp32Contents.Count),
        ("fp64_contents", contents.Fp64Contents.Count),
        ("bytes_contents", contents.BytesContents.Count),
    ];

    private static TNarrow[] Narrow<TWide, TNarrow>(string what, TensorDataType dataType, IReadOnlyList<TWide> wide)
        where TWide : IBinaryInteger<TWide>
        where TNarrow : IBinaryInteger<TNarrow>
    {
        var values = new TNarrow[wide.Count];
        for (var i = 0; i < values.Length; i++)
        {
            try
            {
                values[i] = TNarrow.CreateChecked(wide[i]);
            }
            catch (OverflowException ex)
            {
                throw new InferenceException(
                    InferenceErrorCode.InvalidArgument, $"{what} is {dataType.ToWireName()}, but element {i} ({wide[i]}) is out of its range.", ex);
            }
        }

        return values;
    }
}
