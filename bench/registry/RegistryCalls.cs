using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Registry.V1;

namespace Mlops.Bench.Registry;

/// <summary>The registry methods the benchmark calls, through our gRPC client.</summary>
internal sealed class RegistryCalls(GrpcChannel channel)
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Registry = RegistryReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("ModelRegistry");
    private static readonly Method<GetModelVersionRequest, ModelVersion> GetModelVersionMethod =
        Method<GetModelVersionRequest, ModelVersion>.FromDescriptor(Registry.FindMethodByName("GetModelVersion"));

    private static readonly Method<SearchModelVersionsRequest, SearchModelVersionsResponse> SearchModelVersionsMethod =
        Method<SearchModelVersionsRequest, SearchModelVersionsResponse>.FromDescriptor(Registry.FindMethodByName("SearchModelVersions"));

    public async Task<SearchModelVersionsResponse> SearchModelVersionsAsync(string filter, string pageToken = "") =>
        await channel.UnaryAsync(
            SearchModelVersionsMethod,
            new SearchModelVersionsRequest { Workspace = Seeder.Workspace, Filter = filter, PageSize = 100, PageToken = pageToken },
            CallOptions.WithTimeout(TimeSpan.FromSeconds(30)));

    public async Task<ModelVersion> GetModelVersionAsync(string model, int version) =>
        await channel.UnaryAsync(
            GetModelVersionMethod,
            new GetModelVersionRequest { Workspace = Seeder.Workspace, ModelName = model, Version = version },
            CallOptions.WithTimeout(TimeSpan.FromSeconds(30)));
}
