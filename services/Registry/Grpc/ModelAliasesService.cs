using Google.Protobuf.WellKnownTypes;
using Mlops.Grpc;
using Mlops.Grpc.Server;
using Mlops.Registry.Application.Aliases;
using Mlops.Registry.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.Registry.Grpc;

/// <summary>mlops.registry.v1.ModelAliases.</summary>
public sealed class ModelAliasesService(AliasUseCases aliases) : IGrpcService
{
    public static ServiceDescriptor Descriptor => AliasesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ModelAliases");

    public async Task<ModelAlias> SetAlias(SetAliasRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var alias = await aliases.SetAsync(request.Workspace, request.ModelName, request.Alias, request.Version, context.CancellationToken).ConfigureAwait(false);
        return alias.ToProto();
    }

    public async Task<Empty> DeleteAlias(DeleteAliasRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        await aliases.DeleteAsync(request.Workspace, request.ModelName, request.Alias, context.CancellationToken).ConfigureAwait(false);
        return new Empty();
    }

    public async Task<ModelAlias> GetAlias(GetAliasRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await aliases.GetAsync(request.Workspace, request.ModelName, request.Alias, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<ResolveModelUriResponse> ResolveModelUri(ResolveModelUriRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var resolved = await aliases.ResolveAsync(request.Workspace, request.Uri, context.CancellationToken).ConfigureAwait(false);
        return new ResolveModelUriResponse { ModelVersion = resolved.Version.ToProto(), Alias = resolved.Alias };
    }

    public async Task<ListAliasesResponse> ListAliases(ListAliasesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var response = new ListAliasesResponse();
        response.Aliases.AddRange((await aliases.ListAsync(request.Workspace, request.ModelName, context.CancellationToken).ConfigureAwait(false)).Select(alias => alias.ToProto()));
        return response;
    }

    public async Task<ListAliasHistoryResponse> ListAliasHistory(ListAliasHistoryRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var page = await aliases.HistoryAsync(
            request.Workspace, request.ModelName, request.Alias, request.PageSize, request.PageToken, context.CancellationToken).ConfigureAwait(false);
        var response = new ListAliasHistoryResponse { NextPageToken = page.NextPageToken };
        response.Changes.AddRange(page.Changes.Select(change => change.ToProto()));
        return response;
    }
}
