using Mlops.Deployment.Application;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Registry.V1;

namespace Mlops.Deployment.Infrastructure;

/// <summary>
/// Resolves model references with the registry's ModelAliases.ResolveModelUri, on the channel to
/// <c>services__registry__grpc__0</c>. Only READY versions resolve, so the digest returned is the artifact's for good.
/// </summary>
internal sealed class RegistryModelResolver(GrpcChannel registry, ILogger<RegistryModelResolver> logger) : IModelResolver
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly Method<ResolveModelUriRequest, ResolveModelUriResponse> ResolveMethod =
        Method<ResolveModelUriRequest, ResolveModelUriResponse>.FromDescriptor(
            AliasesReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("ModelAliases").FindMethodByName("ResolveModelUri"));

    public async Task<ResolvedModel> ResolveAsync(ModelReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var request = new ResolveModelUriRequest { Workspace = reference.Workspace, Uri = reference.Uri };
        try
        {
            using var call = registry.UnaryAsync(ResolveMethod, request, CallOptions.WithTimeout(Timeout, cancellationToken: cancellationToken));
            var response = await call.ResponseAsync.ConfigureAwait(false);
            return new ResolvedModel(response.ModelVersion.Version, response.ModelVersion.ArtifactSha256);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw DeploymentException.NotFound($"model: {e.Status.Detail}");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            throw DeploymentException.Invalid($"model: {e.Status.Detail}");
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "The registry did not resolve {Uri} in workspace {Workspace}", reference.Uri, reference.Workspace);
            throw DeploymentException.Unavailable($"The registry could not resolve {reference.Uri} ({e.StatusCode}: {e.Status.Detail}); retry later.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "The registry is unreachable");
            throw DeploymentException.Unavailable($"The registry cannot be reached to resolve {reference.Uri}; retry later.");
        }
    }
}
