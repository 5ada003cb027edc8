namespace Mlops.Inference;

/// <summary>An input or output a model declares; -1 in <paramref name="Shape"/> marks a dimension of any size.</summary>
public sealed record TensorMetadata(string Name, TensorDataType DataType, IReadOnlyList<long> Shape)
{
    public const long VariableDimension = -1;
}
