using Microsoft.EntityFrameworkCore;
using Mlops.Blobs;

namespace Mlops.Registry.Infrastructure;

/// <summary>
/// Brings the database schema up to date and creates the artifact container. Registered before the server, whose
/// start waits for it, so no call ever meets an old schema.
/// </summary>
internal sealed class RegistryInitializer(IServiceScopeFactory scopeFactory, IBlobStore blobs) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var dbContext = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            await dbContext.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        await blobs.CreateContainerIfNotExistsAsync(BlobArtifactStore.Container, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
