namespace Mlops.Deployment.Tests.Gateway;

/// <summary>One registry, two deployment services and one set of servers for the gateway tests; each test uses endpoints of its own.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
