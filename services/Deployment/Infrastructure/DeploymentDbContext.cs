using Microsoft.EntityFrameworkCore;
using Mlops.Messaging;

namespace Mlops.Deployment.Infrastructure;

public sealed class DeploymentDbContext(DbContextOptions<DeploymentDbContext> options) : DbContext(options)
{
    public DbSet<EndpointEntity> Endpoints => Set<EndpointEntity>();

    public DbSet<DeploymentEntity> Deployments => Set<DeploymentEntity>();

    public DbSet<TrafficEntity> Traffic => Set<TrafficEntity>();

    public DbSet<TrafficHistoryEntity> TrafficHistory => Set<TrafficHistoryEntity>();

    public DbSet<PromotionRouteEntity> PromotionRoutes => Set<PromotionRouteEntity>();

    public DbSet<PromotionEntity> Promotions => Set<PromotionEntity>();

    public DbSet<PromotionHistoryEntity> PromotionHistory => Set<PromotionHistoryEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new EndpointEntityConfiguration());
        modelBuilder.ApplyConfiguration(new DeploymentEntityConfiguration());
        modelBuilder.ApplyConfiguration(new TrafficEntityConfiguration());
        modelBuilder.ApplyConfiguration(new TrafficHistoryEntityConfiguration());
        modelBuilder.ApplyConfiguration(new PromotionRouteEntityConfiguration());
        modelBuilder.ApplyConfiguration(new PromotionEntityConfiguration());
        modelBuilder.ApplyConfiguration(new PromotionHistoryEntityConfiguration());
        modelBuilder.AddOutboxAndInbox();
    }
}
