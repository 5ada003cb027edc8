using System.Collections.Frozen;

namespace Mlops.Inference;

/// <summary>An output a request asks for by name.</summary>
public sealed record RequestedOutput(string Name)
{
    public IReadOnlyDictionary<string, InferenceParameter> Parameters { get; init; } = FrozenDictionary<string, InferenceParameter>.Empty;
}
