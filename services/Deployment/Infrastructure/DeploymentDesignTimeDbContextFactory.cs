using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Mlops.Resources;

namespace Mlops.Deployment.Infrastructure;

/// <summary>
/// Lets dotnet-ef build the model without starting the service (which would need the broker and the registry).
/// Adding a migration never connects; the connection string only matters for <c>dotnet ef database update</c>.
/// </summary>
internal sealed class DeploymentDesignTimeDbContextFactory : IDesignTimeDbContextFactory<DeploymentDbContext>
{
    public DeploymentDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DeploymentDbContext>()
            .UseNpgsql(Environment.GetEnvironmentVariable($"ConnectionStrings__{ResourceNames.DeploymentDatabase}") ?? "Host=127.0.0.1;Database=deploymentdb")
            .Options);
}
