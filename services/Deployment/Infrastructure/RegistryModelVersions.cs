using Mlops.Deployment.Application;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Registry.V1;

namespace Mlops.Deployment.Infrastructure;

/// <summary>Registered versions through the registry's ModelRegistry.GetModelVersion, on the channel to <c>services__registry__grpc__0</c>.</summary>
internal sealed class RegistryModelVersions(GrpcChannel registry, ILogger<RegistryModelVersions> logger) : IPromotionModelVersions
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly Method<GetModelVersionRequest, ModelVersion> GetMethod =
        Method<GetModelVersionRequest, ModelVersion>.FromDescriptor(
            RegistryReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("ModelRegistry").FindMethodByName("GetModelVersion"));

    public async Task<PromotionModelVersion> GetAsync(string workspace, string modelName, int version, CancellationToken cancellationToken)
    {
        var request = new GetModelVersionRequest { Workspace = workspace, ModelName = modelName, Version = version };
        try
        {
            using var call = registry.UnaryAsync(GetMethod, request, CallOptions.WithTimeout(Timeout, cancellationToken: cancellationToken));
            var found = await call.ResponseAsync.ConfigureAwait(false);
            return new PromotionModelVersion(
                found.Version,
                found.ApprovalStatus == ApprovalStatus.Approved,
                found.CreatedBy,
                Tensors(found.Signature?.Inputs),
                Tensors(found.Signature?.Outputs),
                found.InputExample);
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
            logger.LogWarning(e, "The registry did not return version {Version} of {Model} in workspace {Workspace}", version, modelName, workspace);
            throw DeploymentException.Unavailable($"The registry could not return version {version} of '{modelName}' ({e.StatusCode}: {e.Status.Detail}); retry later.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "The registry is unreachable");
            throw DeploymentException.Unavailable($"The registry cannot be reached for version {version} of '{modelName}'; retry later.");
        }
    }

    private static List<PromotionTensor> Tensors(IEnumerable<TensorSpec>? specs) =>
        specs?.Select(spec => new PromotionTensor(spec.Name, spec.Datatype, spec.Shape.ToArray())).ToList() ?? [];
}
