namespace Mlops.Messaging.Tests.Infrastructure;

/// <summary>One PostgreSQL and RabbitMQ for all tests, run one after the other: the outage test stops the broker.</summary>
[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<InfrastructureFixture>
{
    public const string Name = "local infrastructure";
}
