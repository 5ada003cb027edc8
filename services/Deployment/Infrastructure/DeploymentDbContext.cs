using Microsoft.EntityFrameworkCore;
using Mlops.Messaging;

namespace Mlops.Deployment.Infrastructure;

public sealed class DeploymentDbContext(DbContextOptions<DeploymentDbContext> options) : DbContext(options)
{
    public DbSet<EndpointEntity> Endpoints => Set<EndpointEntity>();

    public DbSet<DeploymentEntity> Deployments => Set<DeploymentEntity>();

    public DbSet<TrafficEntity> Traffic => Set<TrafficEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new EndpointEntityConfiguration());
        modelBuilder.ApplyConfiguration(new DeploymentEntityConfiguration());
        modelBuilder.ApplyConfiguration(new TrafficEntityConfiguration());
        modelBuilder.AddOutboxAndInbox();
    }
}
