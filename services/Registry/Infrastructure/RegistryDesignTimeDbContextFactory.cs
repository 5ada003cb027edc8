using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Mlops.Resources;

namespace Mlops.Registry.Infrastructure;

/// <summary>
/// Lets dotnet-ef build the model without starting the service (which would need the broker and blob storage).
/// Adding a migration never connects; the connection string only matters for <c>dotnet ef database update</c>.
/// </summary>
internal sealed class RegistryDesignTimeDbContextFactory : IDesignTimeDbContextFactory<RegistryDbContext>
{
    public RegistryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RegistryDbContext>()
            .UseNpgsql(Environment.GetEnvironmentVariable($"ConnectionStrings__{ResourceNames.RegistryDatabase}") ?? "Host=127.0.0.1;Database=registrydb")
            .Options);
}
