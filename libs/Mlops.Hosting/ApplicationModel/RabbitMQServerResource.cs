using Mlops.LocalInfrastructure;

namespace Mlops.Hosting.ApplicationModel;

/// <summary>A RabbitMQ node; its connection string is its AMQP URI.</summary>
public sealed class RabbitMQServerResource(string name, RabbitMqServer server) : LocalServerResource(name), IResourceWithConnectionString
{
    public override string Type => "rabbitmq";

    public override ILocalResource Server => RabbitMqServer;

    public RabbitMqServer RabbitMqServer { get; } = server;

    public string ConnectionString => RabbitMqServer.AmqpUri.ToString();

    public override IReadOnlyList<string> Endpoints => [ConnectionString.Replace("guest:guest@", "", StringComparison.Ordinal)];
}
