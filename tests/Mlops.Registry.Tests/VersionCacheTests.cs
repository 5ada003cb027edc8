using Microsoft.EntityFrameworkCore;
using Mlops.Registry.Infrastructure.Caching;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Testing;

namespace Mlops.Registry.Tests;

/// <summary>
/// GetModelVersion is served from a cache; these show that a change made outside this registry process (another
/// instance, an operator's SQL) still reaches its readers, including after the change feed's connection was lost.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class VersionCacheTests(RegistryFixture registry)
{
    private RegistryClient Client => registry.Client;

    [Fact]
    public async Task A_change_committed_by_someone_else_evicts_the_cached_version()
    {
        var model = await RegisteredVersionAsync();
        var first = await Client.GetModelVersionAsync(model, 1);
        Assert.Equal("a test model", first.Description);
        Assert.Equal(first, await Client.GetModelVersionAsync(model, 1));

        await SetDescriptionBehindTheRegistrysBackAsync(model, "changed elsewhere");

        await Eventually.UntilAsync(
            async () => (await Client.GetModelVersionAsync(model, 1)).Description == "changed elsewhere",
            "the registry serves the description committed by another connection");
    }

    [Fact]
    public async Task After_the_change_feed_connection_is_killed_a_later_change_is_still_seen()
    {
        var model = await RegisteredVersionAsync();
        await Client.GetModelVersionAsync(model, 1);

        await using (var dbContext = registry.NewDbContext())
        {
            var killed = await dbContext.Database
                .SqlQuery<bool>($"SELECT pg_terminate_backend(pid) AS \"Value\" FROM pg_stat_activity WHERE application_name = {RegistryChangeListener.ApplicationName} AND datname = current_database()")
                .ToListAsync();
            Assert.NotEmpty(killed);
        }

        await SetDescriptionBehindTheRegistrysBackAsync(model, "changed while deaf");

        await Eventually.UntilAsync(
            async () => (await Client.GetModelVersionAsync(model, 1)).Description == "changed while deaf",
            "the registry serves the change made while its listener reconnected");
    }

    [Fact]
    public async Task An_alias_removed_by_someone_else_disappears_from_the_cached_version()
    {
        var model = await RegisteredVersionAsync();
        await Client.SetAliasAsync(model, "shadow", 1);
        Assert.Equal(["shadow"], (await Client.GetModelVersionAsync(model, 1)).Aliases);

        await using (var dbContext = registry.NewDbContext())
        {
            var deleted = await dbContext.Database.ExecuteSqlAsync(
                $"DELETE FROM model_aliases WHERE alias = 'shadow' AND model_id = (SELECT id FROM models WHERE workspace = 'default' AND name = {model})");
            Assert.Equal(1, deleted);
        }

        await Eventually.UntilAsync(
            async () => (await Client.GetModelVersionAsync(model, 1)).Aliases.Count == 0,
            "the registry stops showing the alias another connection deleted");
    }

    private async Task<string> RegisteredVersionAsync()
    {
        var model = ModelTests.UniqueName("cached");
        await Client.CreateModelAsync(model);
        await Client.UploadAsync(model, [1, 2, 3, 4]);
        return model;
    }

    private async Task SetDescriptionBehindTheRegistrysBackAsync(string model, string description)
    {
        await using var dbContext = registry.NewDbContext();
        var updated = await dbContext.Database.ExecuteSqlAsync(
            $"UPDATE model_versions SET description = {description} WHERE version = 1 AND model_id = (SELECT id FROM models WHERE workspace = 'default' AND name = {model})");
        Assert.Equal(1, updated);
    }
}
