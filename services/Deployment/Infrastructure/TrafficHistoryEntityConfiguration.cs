using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Deployment.Application;

namespace Mlops.Deployment.Infrastructure;

internal sealed class TrafficHistoryEntityConfiguration : IEntityTypeConfiguration<TrafficHistoryEntity>
{
    public const string Table = "traffic_history";

    public void Configure(EntityTypeBuilder<TrafficHistoryEntity> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(entry => new { entry.Endpoint, entry.Revision });
        builder.Property(entry => entry.Endpoint).HasColumnName("endpoint").HasMaxLength(DeploymentRules.MaxNameLength).UseCollation("C");
        builder.Property(entry => entry.Revision).HasColumnName("revision");
        builder.Property(entry => entry.Weights).HasColumnName("weights").HasColumnType("jsonb");
        builder.Property(entry => entry.Mirrors).HasColumnName("mirrors").HasColumnType("jsonb");
        builder.Property(entry => entry.StickyHeader).HasColumnName("sticky_header").HasMaxLength(DeploymentRules.MaxHeaderLength);
        builder.Property(entry => entry.ChangedBy).HasColumnName("changed_by").HasMaxLength(256);
        builder.Property(entry => entry.ChangeTime).HasColumnName("change_time");
        builder.HasOne<EndpointEntity>().WithMany().HasForeignKey(entry => entry.Endpoint)
            .HasConstraintName("fk_traffic_history_endpoints_endpoint").OnDelete(DeleteBehavior.Cascade);
    }
}
