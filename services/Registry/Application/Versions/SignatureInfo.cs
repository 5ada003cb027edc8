namespace Mlops.Registry.Application.Versions;

/// <summary>The tensors a model takes and returns.</summary>
public sealed record SignatureInfo(IReadOnlyList<TensorInfo> Inputs, IReadOnlyList<TensorInfo> Outputs);
