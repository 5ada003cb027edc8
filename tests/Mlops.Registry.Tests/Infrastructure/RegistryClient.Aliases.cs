using Google.Protobuf.WellKnownTypes;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Registry.V1;

namespace Mlops.Registry.Tests.Infrastructure;

/// <summary>mlops.registry.v1.ModelAliases.</summary>
public sealed partial class RegistryClient
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor AliasesService = AliasesReflection.Descriptor.Services[0];
    private static readonly Method<SetAliasRequest, ModelAlias> SetAliasMethod =
        Method<SetAliasRequest, ModelAlias>.FromDescriptor(AliasesService.FindMethodByName("SetAlias"));
    private static readonly Method<DeleteAliasRequest, Empty> DeleteAliasMethod =
        Method<DeleteAliasRequest, Empty>.FromDescriptor(AliasesService.FindMethodByName("DeleteAlias"));
    private static readonly Method<GetAliasRequest, ModelAlias> GetAliasMethod =
        Method<GetAliasRequest, ModelAlias>.FromDescriptor(AliasesService.FindMethodByName("GetAlias"));
    private static readonly Method<ResolveModelUriRequest, ResolveModelUriResponse> ResolveModelUriMethod =
        Method<ResolveModelUriRequest, ResolveModelUriResponse>.FromDescriptor(AliasesService.FindMethodByName("ResolveModelUri"));
    private static readonly Method<ListAliasesRequest, ListAliasesResponse> ListAliasesMethod =
        Method<ListAliasesRequest, ListAliasesResponse>.FromDescriptor(AliasesService.FindMethodByName("ListAliases"));
    private static readonly Method<ListAliasHistoryRequest, ListAliasHistoryResponse> ListAliasHistoryMethod =
        Method<ListAliasHistoryRequest, ListAliasHistoryResponse>.FromDescriptor(AliasesService.FindMethodByName("ListAliasHistory"));

    public async Task<ModelAlias> SetAliasAsync(string modelName, string alias, int version, string workspace = "") =>
        await channel.UnaryAsync(SetAliasMethod, new SetAliasRequest { Workspace = workspace, ModelName = modelName, Alias = alias, Version = version }, Options());

    public async Task DeleteAliasAsync(string modelName, string alias, string workspace = "") =>
        await channel.UnaryAsync(DeleteAliasMethod, new DeleteAliasRequest { Workspace = workspace, ModelName = modelName, Alias = alias }, Options());

    public async Task<ModelAlias> GetAliasAsync(string modelName, string alias, string workspace = "") =>
        await channel.UnaryAsync(GetAliasMethod, new GetAliasRequest { Workspace = workspace, ModelName = modelName, Alias = alias }, Options());

    public async Task<ResolveModelUriResponse> ResolveAsync(string uri, string workspace = "") =>
        await channel.UnaryAsync(ResolveModelUriMethod, new ResolveModelUriRequest { Workspace = workspace, Uri = uri }, Options());

    public async Task<ListAliasesResponse> ListAliasesAsync(string modelName, string workspace = "") =>
        await channel.UnaryAsync(ListAliasesMethod, new ListAliasesRequest { Workspace = workspace, ModelName = modelName }, Options());

    public async Task<ListAliasHistoryResponse> ListAliasHistoryAsync(ListAliasHistoryRequest request) =>
        await channel.UnaryAsync(ListAliasHistoryMethod, request, Options());
}
