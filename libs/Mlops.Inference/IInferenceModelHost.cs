namespace Mlops.Inference;

/// <summary>
/// What serves the models behind the protocol (the deployment service's gateway). The protocol
/// layer looks models up, checks readiness, validates requests against the metadata and trims
/// the outputs to those requested; the host only runs valid requests.
/// </summary>
public interface IInferenceModelHost
{
    ValueTask<ServerMetadata> GetServerMetadataAsync(CancellationToken cancellationToken);

    ValueTask<bool> IsLiveAsync(CancellationToken cancellationToken);

    ValueTask<bool> IsReadyAsync(CancellationToken cancellationToken);

    /// <summary>The model, or null when the host knows no such model or version.</summary>
    /// <param name="name">The model name, case-sensitive.</param>
    /// <param name="version">The version asked for, or null to let the host choose.</param>
    /// <param name="cancellationToken">Canceled with the call.</param>
    ValueTask<HostedModel?> FindModelAsync(string name, string? version, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a request already validated against <paramref name="model"/>'s metadata. It may return
    /// every output; the protocol layer keeps those requested. Throw <see cref="InferenceException"/>
    /// to fail with a protocol status (e.g. UNAVAILABLE when the model stopped being ready).
    /// </summary>
    Task<InferenceResponse> InferAsync(HostedModel model, InferenceRequest request, CancellationToken cancellationToken);
}
