namespace Mlops.Registry.Tests.Infrastructure;

/// <summary>One registry process and one set of servers for every integration test; each test uses models of its own.</summary>
[CollectionDefinition(Name)]
public sealed class RegistryCollection : ICollectionFixture<RegistryFixture>
{
    public const string Name = "registry";
}
