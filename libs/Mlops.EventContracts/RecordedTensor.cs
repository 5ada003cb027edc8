namespace Mlops.EventContracts;

/// <summary>
/// A tensor of a recorded inference: its Open Inference Protocol datatype and shape, and its elements row-major.
/// Numbers (BOOL as 0/1) are in <see cref="Values"/>, where null stands for NaN and the infinities, which JSON cannot
/// carry (a NaN feature is usually a missing value); BYTES elements, as UTF-8 text, are in <see cref="Strings"/>.
/// </summary>
public sealed record RecordedTensor(string Name, string Datatype, IReadOnlyList<long> Shape, IReadOnlyList<double?> Values, IReadOnlyList<string> Strings)
{
    public bool Equals(RecordedTensor? other) =>
        other is not null && Name == other.Name && Datatype == other.Datatype && ContractEquality.SameItems(Shape, other.Shape)
        && ContractEquality.SameItems(Values, other.Values) && ContractEquality.SameItems(Strings, other.Strings);

    public override int GetHashCode() => HashCode.Combine(Name, Datatype, ContractEquality.HashItems(Shape), ContractEquality.HashItems(Values));
}
