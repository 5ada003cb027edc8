using Microsoft.EntityFrameworkCore;
using Mlops.Messaging;
using Mlops.Registry.Infrastructure.Audit;
using Mlops.Registry.Infrastructure.Versions;
using Mlops.Registry.Infrastructure.Workspaces;

namespace Mlops.Registry.Infrastructure;

public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    public DbSet<WorkspaceEntity> Workspaces => Set<WorkspaceEntity>();

    public DbSet<AuditEntryEntity> AuditEntries => Set<AuditEntryEntity>();

    public DbSet<ModelEntity> Models => Set<ModelEntity>();

    public DbSet<ModelVersionEntity> ModelVersions => Set<ModelVersionEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new WorkspaceEntityConfiguration());
        modelBuilder.ApplyConfiguration(new AuditEntryEntityConfiguration());
        modelBuilder.ApplyConfiguration(new ModelEntityConfiguration());
        modelBuilder.ApplyConfiguration(new ModelVersionEntityConfiguration());
        modelBuilder.ApplyConfiguration(new ModelVersionInputExampleEntityConfiguration());
        modelBuilder.AddOutboxAndInbox();
    }
}
