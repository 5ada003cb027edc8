using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Deployment.Application;

namespace Mlops.Deployment.Infrastructure;

internal sealed class TrafficEntityConfiguration : IEntityTypeConfiguration<TrafficEntity>
{
    public const string Table = "traffic";

    public void Configure(EntityTypeBuilder<TrafficEntity> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(traffic => traffic.Endpoint);
        builder.Property(traffic => traffic.Endpoint).HasColumnName("endpoint").HasMaxLength(DeploymentRules.MaxNameLength).UseCollation("C");
        builder.Property(traffic => traffic.Weights).HasColumnName("weights").HasColumnType("jsonb");
        builder.Property(traffic => traffic.Mirrors).HasColumnName("mirrors").HasColumnType("jsonb");
        builder.Property(traffic => traffic.StickyHeader).HasColumnName("sticky_header").HasMaxLength(DeploymentRules.MaxHeaderLength);
        builder.Property(traffic => traffic.Revision).HasColumnName("revision").IsConcurrencyToken();
        builder.Property(traffic => traffic.UpdatedBy).HasColumnName("updated_by").HasMaxLength(256);
        builder.Property(traffic => traffic.UpdateTime).HasColumnName("update_time");
        builder.HasOne<EndpointEntity>().WithOne().HasForeignKey<TrafficEntity>(traffic => traffic.Endpoint)
            .HasConstraintName("fk_traffic_endpoints_endpoint").OnDelete(DeleteBehavior.Cascade);
    }
}
