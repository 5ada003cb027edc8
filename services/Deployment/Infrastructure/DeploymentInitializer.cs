using Microsoft.EntityFrameworkCore;

namespace Mlops.Deployment.Infrastructure;

/// <summary>Brings the schema up to date. Registered before the server, whose start waits for it, so no call meets an old schema.</summary>
internal sealed class DeploymentInitializer(IServiceScopeFactory scopeFactory) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<DeploymentDbContext>();
        await dbContext.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
