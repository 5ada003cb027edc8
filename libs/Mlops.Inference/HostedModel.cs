namespace Mlops.Inference;

/// <summary>A model version a host can serve, as found by name and (optional) version.</summary>
/// <param name="Metadata">Its inputs and outputs, against which requests are validated.</param>
/// <param name="Version">The version the host chose or was asked for; null for a model without versions.</param>
/// <param name="IsReady">Whether it can run requests now.</param>
public sealed record HostedModel(ModelMetadata Metadata, string? Version, bool IsReady);
