namespace Mlops.EventContracts;

/// <summary>One tensor of a model's signature: an Open Inference Protocol datatype (FP32, INT64, BYTES...) and a shape, -1 for any size.</summary>
public sealed record TensorDescription(string Name, string Datatype, IReadOnlyList<long> Shape)
{
    public bool Equals(TensorDescription? other) =>
        other is not null && Name == other.Name && Datatype == other.Datatype && ContractEquality.SameItems(Shape, other.Shape);

    public override int GetHashCode() => HashCode.Combine(Name, Datatype, ContractEquality.HashItems(Shape));
}
