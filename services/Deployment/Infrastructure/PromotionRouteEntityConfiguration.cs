using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Deployment.Application;

namespace Mlops.Deployment.Infrastructure;

internal sealed class PromotionRouteEntityConfiguration : IEntityTypeConfiguration<PromotionRouteEntity>
{
    public const string Table = "promotion_routes";

    public void Configure(EntityTypeBuilder<PromotionRouteEntity> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(route => new { route.Workspace, route.ModelName });
        builder.Property(route => route.Workspace).HasColumnName("workspace").HasMaxLength(256).UseCollation("C");
        builder.Property(route => route.ModelName).HasColumnName("model_name").HasMaxLength(PromotionRules.MaxModelNameLength).UseCollation("C");
        builder.Property(route => route.StagingEndpoint).HasColumnName("staging_endpoint").HasMaxLength(DeploymentRules.MaxNameLength);
        builder.Property(route => route.ProductionEndpoint).HasColumnName("production_endpoint").HasMaxLength(DeploymentRules.MaxNameLength);
        builder.Property(route => route.Approvers).HasColumnName("approvers");
        builder.Property(route => route.GateTimeoutSeconds).HasColumnName("gate_timeout_seconds");
        builder.Property(route => route.CheckInputExample).HasColumnName("check_input_example");
        builder.Property(route => route.CheckSignature).HasColumnName("check_signature");
        builder.Property(route => route.CheckLoadTest).HasColumnName("check_load_test");
        builder.Property(route => route.LoadTestRequests).HasColumnName("load_test_requests");
        builder.Property(route => route.LoadTestConcurrency).HasColumnName("load_test_concurrency");
        builder.Property(route => route.CreatedBy).HasColumnName("created_by").HasMaxLength(256);
        builder.Property(route => route.CreateTime).HasColumnName("create_time");
    }
}
