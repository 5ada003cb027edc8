using Microsoft.EntityFrameworkCore;
using Mlops.Messaging;
using Mlops.Registry.Infrastructure.Aliases;
using Mlops.Registry.Infrastructure.Approvals;
using Mlops.Registry.Infrastructure.Audit;
using Mlops.Registry.Infrastructure.Caching;
using Mlops.Registry.Infrastructure.Datasets;
using Mlops.Registry.Infrastructure.Versions;
using Mlops.Registry.Infrastructure.Workspaces;

namespace Mlops.Registry.Infrastructure;

public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    private readonly HashSet<Guid> _changedModels = [];

    public DbSet<WorkspaceEntity> Workspaces => Set<WorkspaceEntity>();

    public DbSet<AuditEntryEntity> AuditEntries => Set<AuditEntryEntity>();

    public DbSet<ModelEntity> Models => Set<ModelEntity>();

    public DbSet<ModelVersionEntity> ModelVersions => Set<ModelVersionEntity>();

    public DbSet<DatasetEntity> Datasets => Set<DatasetEntity>();

    public DbSet<DatasetVersionEntity> DatasetVersions => Set<DatasetVersionEntity>();

    /// <summary>For writes EF does not track (raw SQL): the model whose cached versions the commit must evict.</summary>
    public void MarkModelChanged(Guid modelId) => _changedModels.Add(modelId);

    internal void CollectChangedModels()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                switch (entry.Entity)
                {
                    case ModelEntity model:
                        _changedModels.Add(model.Id);
                        break;
                    case IModelScoped scoped:
                        _changedModels.Add(scoped.ModelId);
                        break;
                }
            }
        }
    }

    internal List<Guid> TakeChangedModels()
    {
        var changed = _changedModels.ToList();
        _changedModels.Clear();
        return changed;
    }
    public DbSet<ModelVersionFileEntity> ModelVersionFiles => Set<ModelVersionFileEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new WorkspaceEntityConfiguration());
        modelBuilder.ApplyConfiguration(new AuditEntryEntityConfiguration());
        modelBuilder.ApplyConfiguration(new ModelEntityConfiguration());
        modelBuilder.ApplyConfiguration(new ModelVersionEntityConfiguration());
        modelBuilder.AddApprovals();
        modelBuilder.AddAliases();
        modelBuilder.ApplyConfiguration(new DatasetEntityConfiguration());
        modelBuilder.ApplyConfiguration(new DatasetVersionEntityConfiguration());
        modelBuilder.ApplyConfiguration(new ModelVersionFileEntityConfiguration());
        modelBuilder.ApplyConfiguration(new ModelVersionInputExampleEntityConfiguration());
        modelBuilder.AddOutboxAndInbox();
    }
}
