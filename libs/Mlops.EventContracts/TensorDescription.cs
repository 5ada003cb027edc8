namespace Mlops.EventContracts;

/// <summary>One tensor of a model's signature: an Open Inference Protocol datatype (FP32, INT64, BYTES...) and a shape, -1 for any size.</summary>
public sealed record TensorDescription(string Name, string Datatype, IReadOnlyList<long> Shape);
