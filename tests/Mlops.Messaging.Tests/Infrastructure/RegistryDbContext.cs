using Microsoft.EntityFrameworkCore;

namespace Mlops.Messaging.Tests.Infrastructure;

/// <summary>A stand-in for the model registry's database (EnsureCreated here; the services will use dotnet-ef migrations).</summary>
public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    public DbSet<ModelVersionRow> ModelVersions => Set<ModelVersionRow>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ModelVersionRow>().ToTable("model_versions");
        modelBuilder.AddOutboxAndInbox();
    }
}
