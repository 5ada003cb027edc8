using System.Diagnostics.CodeAnalysis;

namespace Mlops.Inference;

/// <summary>What the protocol says of each datatype: its name on the wire, its size, and the CLR array that holds it.</summary>
public static class TensorDataTypes
{
    private static readonly string[] Names =
        ["BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64", "BYTES"];

    private static readonly Type[] ElementTypes =
    [
        typeof(bool), typeof(byte), typeof(ushort), typeof(uint), typeof(ulong), typeof(sbyte), typeof(short), typeof(int),
        typeof(long), typeof(Half), typeof(float), typeof(double), typeof(byte[]),
    ];

    private static readonly int[] Sizes = [1, 1, 2, 4, 8, 1, 2, 4, 8, 2, 4, 8, 0];

    /// <summary>"BOOL", "UINT8", ..., "FP32", "BYTES".</summary>
    public static string ToWireName(this TensorDataType dataType) => Names[Index(dataType)];

    /// <summary>Parses a wire name; names are case-sensitive, so "fp32" is not a datatype.</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out TensorDataType dataType)
    {
        var index = Array.IndexOf(Names, name);
        dataType = index < 0 ? default : (TensorDataType)index;
        return index >= 0;
    }

    /// <summary>Bytes per element, or 0 for BYTES, whose elements vary in size.</summary>
    public static int ElementSize(this TensorDataType dataType) => Sizes[Index(dataType)];

    /// <summary>The element type of the array that holds a tensor of this datatype: float for FP32, byte[] for BYTES, ...</summary>
    public static Type ElementType(this TensorDataType dataType) => ElementTypes[Index(dataType)];

    /// <summary>The datatype whose elements are <paramref name="elementType"/>.</summary>
    public static bool TryFromElementType(Type elementType, out TensorDataType dataType)
    {
        var index = Array.IndexOf(ElementTypes, elementType);
        dataType = index < 0 ? default : (TensorDataType)index;
        return index >= 0;
    }

    private static int Index(TensorDataType dataType) =>
        (uint)dataType < (uint)Names.Length ? (int)dataType : throw new ArgumentOutOfRangeException(nameof(dataType), dataType, "Not a tensor datatype.");
}
