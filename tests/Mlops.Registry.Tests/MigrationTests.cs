using Microsoft.EntityFrameworkCore;
using Mlops.Registry.Infrastructure;

namespace Mlops.Registry.Tests;

public sealed class MigrationTests
{
    [Fact]
    public void The_committed_migrations_match_the_model()
    {
        using var dbContext = new RegistryDbContext(new DbContextOptionsBuilder<RegistryDbContext>().UseNpgsql("Host=unused").Options);

        Assert.False(dbContext.Database.HasPendingModelChanges(), "Add a migration: see services/Registry/README.md.");
    }
}
