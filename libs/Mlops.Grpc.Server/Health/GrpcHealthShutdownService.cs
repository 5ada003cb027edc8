using Microsoft.Extensions.Hosting;

namespace Mlops.Grpc.Server.Health;

/// <summary>Reports NOT_SERVING as soon as shutdown begins, so balancers stop sending calls.</summary>
internal sealed class GrpcHealthShutdownService(GrpcHealthStatusStore store, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(store.ShutDown);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
