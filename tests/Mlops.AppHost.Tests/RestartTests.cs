using Mlops.Grpc;
using Mlops.Hosting.Orchestration;
using Mlops.Registry.V1;
using Mlops.Resources;

namespace Mlops.AppHost.Tests;

[Collection(SystemCollection.Name)]
public sealed class RestartTests(SystemFixture system)
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Registry = RegistryReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("ModelRegistry");
    private static readonly Method<CreateModelRequest, Model> CreateModel = Method<CreateModelRequest, Model>.FromDescriptor(Registry.FindMethodByName("CreateModel"));
    private static readonly Method<GetModelRequest, Model> GetModel = Method<GetModelRequest, Model>.FromDescriptor(Registry.FindMethodByName("GetModel"), isIdempotent: true);

    [Fact]
    public async Task A_service_killed_by_SIGKILL_is_restarted_healthy_with_its_state_intact()
    {
        var application = system.Application;
        var channel = application.CreateGrpcChannel(ResourceNames.Registry);
        var name = $"restart-{Guid.NewGuid():N}"[..20];
        await channel.UnaryAsync(CreateModel, new CreateModelRequest { Name = name }).ResponseAsync;
        var before = application.ResourceNotifications.Get(ResourceNames.Registry);
        Assert.NotNull(before.ProcessId);

        System.Diagnostics.Process.GetProcessById(before.ProcessId.Value).Kill();

        var after = await application.ResourceNotifications.WaitForResourceAsync(
            ResourceNames.Registry,
            snapshot => snapshot.Restarts > before.Restarts && snapshot.Health == HealthStatus.Healthy && snapshot.ProcessId != before.ProcessId,
            new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        Assert.Equal(ResourceRunState.Running, after.State);
        Assert.Contains(application.GetLogs(ResourceNames.Registry), line => line.StartsWith("exited with code", StringComparison.Ordinal));

        var model = await channel.UnaryAsync(GetModel, new GetModelRequest { Name = name }).ResponseAsync;
        Assert.Equal(name, model.Name);
    }
}
