using System.Collections.Frozen;

namespace Mlops.Inference;

/// <summary>An inference request, in either protocol form.</summary>
/// <param name="ModelName">The model to run.</param>
/// <param name="ModelVersion">The version asked for, or null to let the host choose.</param>
/// <param name="Inputs">The input tensors.</param>
public sealed record InferenceRequest(string ModelName, string? ModelVersion, IReadOnlyList<InferenceTensor> Inputs)
{
    /// <summary>The caller's identifier, echoed in the response.</summary>
    public string? Id { get; init; }

    /// <summary>The outputs asked for; empty for every output of the model.</summary>
    public IReadOnlyList<RequestedOutput> Outputs { get; init; } = [];

    public IReadOnlyDictionary<string, InferenceParameter> Parameters { get; init; } = FrozenDictionary<string, InferenceParameter>.Empty;
}
