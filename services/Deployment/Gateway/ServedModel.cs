using Mlops.Inference;

namespace Mlops.Deployment.Gateway;

/// <summary>A deployment's model once ready: its metadata (named after the endpoint) and how it runs a valid request.</summary>
public abstract class ServedModel : IAsyncDisposable
{
    public abstract ModelMetadata Metadata { get; }

    /// <summary>Runs a request already validated against <see cref="Metadata"/>.</summary>
    public abstract Task<InferenceResponse> InferAsync(InferenceRequest request, CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
