using System.Collections.Frozen;

namespace Mlops.Inference;

/// <summary>
/// A named tensor: its datatype, shape and elements flattened in row-major order, held in the array
/// of the datatype's element type (float[] for FP32, Half[] for FP16, byte[][] for BYTES, ...).
/// </summary>
public sealed class InferenceTensor
{
    public InferenceTensor(
        string name,
        TensorDataType dataType,
        IReadOnlyList<long> shape,
        Array data,
        IReadOnlyDictionary<string, InferenceParameter>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        var elementType = dataType.ElementType();
        if (data.GetType() != elementType.MakeArrayType())
        {
            throw new ArgumentException($"A {dataType.ToWireName()} tensor holds {elementType.Name}[], not {data.GetType().Name}.", nameof(data));
        }

        if (TensorShape.ElementCount(shape) != data.Length)
        {
            throw new ArgumentException($"Tensor '{name}' of shape {TensorShape.Format(shape)} cannot hold {data.Length} elements.", nameof(data));
        }

        Name = name;
        DataType = dataType;
        Shape = [.. shape];
        Data = data;
        Parameters = parameters ?? FrozenDictionary<string, InferenceParameter>.Empty;
    }

    public string Name { get; }

    public TensorDataType DataType { get; }

    public IReadOnlyList<long> Shape { get; }

    /// <summary>The elements, row-major; the array type follows <see cref="DataType"/>.</summary>
    public Array Data { get; }

    public IReadOnlyDictionary<string, InferenceParameter> Parameters { get; }

    public int ElementCount => Data.Length;

    /// <summary>A tensor whose datatype follows from <typeparamref name="T"/>: float → FP32, Half → FP16, byte[] → BYTES, ...</summary>
    public static InferenceTensor Create<T>(string name, IReadOnlyList<long> shape, T[] data, IReadOnlyDictionary<string, InferenceParameter>? parameters = null)
    {
        if (!TensorDataTypes.TryFromElementType(typeof(T), out var dataType))
        {
            throw new ArgumentException($"{typeof(T).Name} is not the element type of any tensor datatype.", nameof(data));
        }

        return new InferenceTensor(name, dataType, shape, data, parameters);
    }

    /// <summary>The elements as <typeparamref name="T"/>[]; throws unless T is this tensor's element type.</summary>
    public T[] GetData<T>() =>

        // An exact type test: "as T[]" would let an int[] pass for uint[].
        Data.GetType() == typeof(T[])
            ? (T[])Data
            : throw new InvalidOperationException($"Tensor '{Name}' is {DataType.ToWireName()}, whose elements are not {typeof(T).Name}.");

    public override string ToString() => $"{Name} {DataType.ToWireName()} {TensorShape.Format(Shape)}";
}
