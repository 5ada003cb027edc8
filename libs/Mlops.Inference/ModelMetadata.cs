namespace Mlops.Inference;

/// <summary>What a model takes and gives, as the protocol's model metadata reports it.</summary>
public sealed record ModelMetadata(string Name, IReadOnlyList<TensorMetadata> Inputs, IReadOnlyList<TensorMetadata> Outputs)
{
    /// <summary>The versions a request may name.</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];

    /// <summary>The framework or backend, "&lt;project&gt;_&lt;format&gt;" such as "onnx_onnxv1".</summary>
    public string Platform { get; init; } = string.Empty;
}
