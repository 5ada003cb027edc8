using System.Collections.Frozen;

namespace Mlops.Inference;

/// <summary>The result of an inference request.</summary>
public sealed record InferenceResponse(string ModelName, IReadOnlyList<InferenceTensor> Outputs)
{
    /// <summary>The version that ran, or null for a model without versions.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>The request's identifier, if it had one.</summary>
    public string? Id { get; init; }

    public IReadOnlyDictionary<string, InferenceParameter> Parameters { get; init; } = FrozenDictionary<string, InferenceParameter>.Empty;
}
