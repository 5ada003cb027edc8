using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mlops.Deployment.Infrastructure;

/// <summary>Ready only while the database answers: every call but the health checks needs it.</summary>
internal sealed class DeploymentDatabaseHealthCheck(DeploymentDbContext dbContext) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await dbContext.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The deployment database does not answer.");
}
