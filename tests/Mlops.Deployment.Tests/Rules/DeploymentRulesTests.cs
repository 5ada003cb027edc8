using System.Text.Json;
using Mlops.Deployment.Application;
using Mlops.EventContracts;

namespace Mlops.Deployment.Tests.Rules;

public sealed class DeploymentRulesTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("fraud-api-2", true)]
    [InlineData("2fast", false)]
    [InlineData("ends-", false)]
    [InlineData("under_score", false)]
    [InlineData("Upper", false)]
    [InlineData("", false)]
    public void Names_are_DNS_labels(string name, bool valid) => Assert.Equal(valid, DeploymentRules.IsName(name));

    [Fact]
    public void A_name_of_64_characters_is_too_long() =>
        Assert.Equal(
            (true, false),
            (DeploymentRules.IsName(new string('a', DeploymentRules.MaxNameLength)), DeploymentRules.IsName(new string('a', DeploymentRules.MaxNameLength + 1))));

    [Fact]
    public void Zero_weights_are_dropped_and_the_rest_must_make_100()
    {
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, DeploymentRules.Weights(new Dictionary<string, int> { ["blue"] = 100, ["green"] = 0 }));
        Assert.Empty(DeploymentRules.Weights(new Dictionary<string, int> { ["blue"] = 0 }));
        var e = Assert.Throws<DeploymentException>(() => DeploymentRules.Weights(new Dictionary<string, int> { ["blue"] = 50, ["green"] = 49 }));
        Assert.Equal(DeploymentErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mirrors_may_total_50_but_not_51()
    {
        var weights = new Dictionary<string, int> { ["blue"] = 100 };

        Assert.Equal(50, DeploymentRules.Mirrors(new Dictionary<string, int> { ["a"] = 25, ["b"] = 25 }, weights).Values.Sum());
        Assert.Throws<DeploymentException>(() => DeploymentRules.Mirrors(new Dictionary<string, int> { ["a"] = 25, ["b"] = 26 }, weights));
    }

    [Fact]
    public void Etags_carry_the_revision_and_an_empty_one_is_unconditional()
    {
        Assert.Equal(42L, DeploymentRules.Etag(DeploymentRules.EtagOf(42)));
        Assert.Null(DeploymentRules.Etag(""));
        Assert.Throws<DeploymentException>(() => DeploymentRules.Etag("\"-1\""));
        Assert.Throws<DeploymentException>(() => DeploymentRules.Etag("42"));
    }

    [Fact]
    public void A_model_reference_names_a_version_or_an_alias_and_becomes_a_registry_uri()
    {
        Assert.Equal("models:/churn/3", DeploymentRules.Model("", "churn", 3, "").Uri);
        Assert.Equal("models:/churn@champion", DeploymentRules.Model("risk", "churn", 0, "champion").Uri);
        Assert.Equal("default", DeploymentRules.Model(null, "churn", 3, null).Workspace);
        Assert.Throws<DeploymentException>(() => DeploymentRules.Model("", "churn", 3, "champion"));
        Assert.Throws<DeploymentException>(() => DeploymentRules.Model("", "churn", 0, ""));
    }

    [Fact]
    public void The_environment_catalog_keeps_the_configured_order_and_refuses_bad_lists()
    {
        var catalog = new EnvironmentCatalog(["dev", "staging", "production"]);

        Assert.Equal(["dev", "staging", "production"], catalog.Ordered);
        Assert.Equal("dev", catalog.Validate("environment", "dev"));
        Assert.Contains("dev, staging, production", Assert.Throws<DeploymentException>(() => catalog.Validate("environment", "prod")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new EnvironmentCatalog([]));
        Assert.Throws<ArgumentException>(() => new EnvironmentCatalog(["staging", "staging"]));
        Assert.Throws<ArgumentException>(() => new EnvironmentCatalog(["Staging"]));
    }

    [Fact]
    public void A_traffic_event_read_back_equals_the_one_sent()
    {
        var sent = new TrafficChanged(
            Guid.NewGuid(), DateTimeOffset.UnixEpoch, "deployment", "endpoints/e/traffic", "e", "staging",
            new Dictionary<string, int> { ["blue"] = 90, ["green"] = 10 }, new Dictionary<string, int> { ["shadow"] = 5 }, "x-user", 3, "someone");

        var read = JsonSerializer.Deserialize<TrafficChanged>(JsonSerializer.Serialize(sent));

        Assert.Equal(sent, read);
        Assert.NotEqual(sent, sent with { Weights = new Dictionary<string, int> { ["blue"] = 100 } });
    }
}
