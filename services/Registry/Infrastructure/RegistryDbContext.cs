using Microsoft.EntityFrameworkCore;
using Mlops.Messaging;

namespace Mlops.Registry.Infrastructure;

public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    public DbSet<ModelEntity> Models => Set<ModelEntity>();

    public DbSet<ModelVersionEntity> ModelVersions => Set<ModelVersionEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new ModelEntityConfiguration());
        modelBuilder.ApplyConfiguration(new ModelVersionEntityConfiguration());
        modelBuilder.AddOutboxAndInbox();
    }
}
