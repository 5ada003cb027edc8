namespace Mlops.Registry.Application.Versions;

/// <summary>One named tensor of a signature: an Open Inference Protocol datatype and a shape (-1: any size).</summary>
public sealed record TensorInfo(string Name, string Datatype, IReadOnlyList<long> Shape);
