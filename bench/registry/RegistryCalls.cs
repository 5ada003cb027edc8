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

    public async Task<ModelVersion> GetModelVersionAsync(string model, int version) =>
        await channel.UnaryAsync(
            GetModelVersionMethod,
            new GetModelVersionRequest { Workspace = Seeder.Workspace, ModelName = model, Version = version },
            CallOptions.WithTimeout(TimeSpan.FromSeconds(30)));
}
