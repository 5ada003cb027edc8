using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mlops.Blobs;
using Mlops.Messaging;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Audit;
using Mlops.Registry.Application.Uploads;
using Mlops.Registry.Infrastructure;
using Mlops.Registry.Infrastructure.Audit;
using Mlops.Registry.Infrastructure.Uploads;
using Mlops.Registry.Tests.Infrastructure;

namespace Mlops.Registry.Tests.Uploads;

/// <summary>
/// The sweeper and the upload store in this process, wired as the registry wires them, on a migrated database of their
/// own (no registry process sweeps it) and the run's Azurite: what several instances do at once, step by step.
/// </summary>
internal sealed class SweeperHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SweeperHarness(ServiceProvider services, string connectionString)
    {
        _services = services;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<SweeperHarness> StartAsync(RegistryFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var connectionString = await fixture.CreateDatabaseAsync("sweep");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(fixture.Blobs);
        services.AddDbContext<RegistryDbContext>(options => options.UseNpgsql(connectionString));
        services.AddMlopsMessaging<RegistryDbContext>(fixture.Servers.RabbitMq.AmqpUri);
        services.AddSingleton(Options.Create(new UploadOptions { Lease = TimeSpan.FromMinutes(1) }));
        services.AddScoped<IArtifactStore, BlobArtifactStore>();
        services.AddScoped<IAuditLog, EfAuditLog>();
        services.AddScoped<IVersionUploadStore, EfVersionUploadStore>();
        var provider = services.BuildServiceProvider();
        await using (var dbContext = NewDbContext(connectionString))
        {
            await dbContext.Database.MigrateAsync();
        }

        await fixture.Blobs.CreateContainerIfNotExistsAsync(BlobArtifactStore.Container);
        return new SweeperHarness(provider, connectionString);
    }

    /// <summary>A sweeper as one registry instance runs it; several may run at once.</summary>
    public ExpiredUploadSweeper NewSweeper() => new(
        _services.GetRequiredService<IServiceScopeFactory>(),
        _services.GetRequiredService<IOptions<UploadOptions>>(),
        TimeProvider.System,
        NullLogger<ExpiredUploadSweeper>.Instance);

    public AsyncServiceScope NewScope() => _services.CreateAsyncScope();

    public RegistryDbContext NewDbContext() => NewDbContext(ConnectionString);

    /// <summary>
    /// A model with one pending upload per entry, each with its first file stored, whose lease was last renewed
    /// <c>age</c> ago (on the database's clock).
    /// </summary>
    public async Task<(Guid ModelId, List<Guid> Uploads)> PendingUploadsAsync(IBlobStore blobs, params TimeSpan[] ages)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        await using var dbContext = NewDbContext();
        var model = new ModelEntity
        {
            Id = Guid.NewGuid(),
            Workspace = RegistryRules.DefaultWorkspace,
            Name = ModelTests.UniqueName("swept"),
            Description = "",
            Tags = [],
            CreatedBy = RegistryClient.User,
            CreateTime = DateTimeOffset.UtcNow,
        };
        dbContext.Models.Add(model);
        var uploads = new List<Guid>();
        for (var i = 0; i < ages.Length; i++)
        {
            var id = Guid.NewGuid();
            uploads.Add(id);
            dbContext.ModelVersions.Add(new ModelVersionEntity
            {
                Id = id,
                ModelId = model.Id,
                Version = i + 1,
                Description = "",
                Tags = [],
                ArtifactSha256 = new string('0', 64),
                ArtifactSizeBytes = 0,
                ArtifactFileName = "artifact",
                ArtifactBlobName = BlobArtifactStore.UploadPrefix(model.Id, id),
                CreatedBy = RegistryClient.User,
                CreateTime = DateTimeOffset.UtcNow,
                Status = "pending_upload",
            });
            await blobs.UploadAsync(BlobArtifactStore.Container, BlobArtifactStore.FileBlobName(model.Id, id, 0), new byte[] { 1, 2, 3 });
        }

        await dbContext.SaveChangesAsync();
        for (var i = 0; i < ages.Length; i++)
        {
            await dbContext.Database.ExecuteSqlAsync($"UPDATE model_versions SET upload_heartbeat_at = now() - {ages[i]} WHERE id = {uploads[i]}");
        }

        return (model.Id, uploads);
    }

    public async Task<string> StatusAsync(Guid versionId)
    {
        await using var dbContext = NewDbContext();
        return await dbContext.ModelVersions.Where(v => v.Id == versionId).Select(v => v.Status).SingleAsync();
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static RegistryDbContext NewDbContext(string connectionString) =>
        new(new DbContextOptionsBuilder<RegistryDbContext>().UseNpgsql(connectionString).Options);
}
