namespace Mlops.Deployment.Tests.Infrastructure;

/// <summary>One registry, one deployment service and one set of servers for every integration test; each test uses endpoints of its own.</summary>
[CollectionDefinition(Name)]
public sealed class DeploymentCollection : ICollectionFixture<DeploymentFixture>
{
    public const string Name = "deployment";
}
