using Google.Protobuf.WellKnownTypes;
using Mlops.Grpc;
using Mlops.Grpc.Server;
using Mlops.Registry.Application.Workspaces;
using Mlops.Registry.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.Registry.Grpc;

/// <summary>mlops.registry.v1.Workspaces.</summary>
public sealed class WorkspacesService(WorkspaceUseCases workspaces) : IGrpcService
{
    public static ServiceDescriptor Descriptor => WorkspacesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Workspaces");

    public async Task<Workspace> CreateWorkspace(CreateWorkspaceRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return ToProto(await workspaces.CreateAsync(request.Name, request.Description, context.CancellationToken).ConfigureAwait(false));
    }

    public async Task<Workspace> GetWorkspace(GetWorkspaceRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return ToProto(await workspaces.GetAsync(request.Name, context.CancellationToken).ConfigureAwait(false));
    }

    public async Task<ListWorkspacesResponse> ListWorkspaces(ListWorkspacesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var page = await workspaces.ListAsync(request.PageSize, request.PageToken, context.CancellationToken).ConfigureAwait(false);
        var response = new ListWorkspacesResponse { NextPageToken = page.NextPageToken };
        response.Workspaces.AddRange(page.Workspaces.Select(ToProto));
        return response;
    }

    private static Workspace ToProto(WorkspaceInfo workspace) => new()
    {
        Name = workspace.Name,
        Description = workspace.Description,
        CreatedBy = workspace.CreatedBy,
        CreateTime = Timestamp.FromDateTimeOffset(workspace.CreateTime),
    };
}
