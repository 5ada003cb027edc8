namespace Mlops.Inference;

/// <summary>
/// The protocol's rules over a host, shared by the gRPC and REST forms: unknown model → NOT_FOUND,
/// model not ready → UNAVAILABLE, request not matching the metadata → INVALID_ARGUMENT; then the
/// response carries the request's id and only the outputs asked for, in the order asked.
/// </summary>
public sealed class InferenceDispatcher(IInferenceModelHost host)
{
    public ValueTask<ServerMetadata> GetServerMetadataAsync(CancellationToken cancellationToken) => host.GetServerMetadataAsync(cancellationToken);

    public ValueTask<bool> IsLiveAsync(CancellationToken cancellationToken) => host.IsLiveAsync(cancellationToken);

    public ValueTask<bool> IsReadyAsync(CancellationToken cancellationToken) => host.IsReadyAsync(cancellationToken);

    /// <summary>The model, or NOT_FOUND.</summary>
    public async ValueTask<HostedModel> GetModelAsync(string name, string? version, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw InferenceException.InvalidArgument("A model name is required.");
        }

        version = string.IsNullOrEmpty(version) ? null : version;
        return await host.FindModelAsync(name, version, cancellationToken).ConfigureAwait(false)
            ?? throw InferenceException.ModelNotFound(name, version);
    }

    public async Task<InferenceResponse> InferAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = await GetModelAsync(request.ModelName, request.ModelVersion, cancellationToken).ConfigureAwait(false);
        if (!model.IsReady)
        {
            throw InferenceException.ModelNotReady(request.ModelName, model.Version ?? request.ModelVersion);
        }

        InferenceValidator.Validate(request, model.Metadata);
        var response = await host.InferAsync(model, request, cancellationToken).ConfigureAwait(false)
            ?? throw new InferenceException(InferenceErrorCode.Internal, $"Model '{request.ModelName}' returned no response.");
        return response with
        {
            ModelName = model.Metadata.Name,
            ModelVersion = response.ModelVersion ?? model.Version,
            // A host may give a request without an id one of its own (to tie the answer to its records).
            Id = string.IsNullOrEmpty(request.Id) ? response.Id : request.Id,
            Outputs = Requested(request, response),
        };
    }

    private static IReadOnlyList<InferenceTensor> Requested(InferenceRequest request, InferenceResponse response)
    {
        if (request.Outputs.Count == 0)
        {
            return response.Outputs;
        }

        return request.Outputs
            .Select(wanted => response.Outputs.FirstOrDefault(o => string.Equals(o.Name, wanted.Name, StringComparison.Ordinal))
                ?? throw new InferenceException(InferenceErrorCode.Internal, $"Model '{request.ModelName}' did not produce output '{wanted.Name}'."))
            .ToList();
    }
}
