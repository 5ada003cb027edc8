using Mlops.Inference;

namespace Mlops.Deployment.Gateway;

/// <summary>What the gateway reads of a registered version: its signature (empty lists when it has none) and input example.</summary>
public sealed record RegisteredVersion(IReadOnlyList<TensorMetadata> Inputs, IReadOnlyList<TensorMetadata> Outputs, string InputExample)
{
    public bool HasSignature => Inputs.Count > 0 || Outputs.Count > 0;
}
